import { useEffect, useState } from 'react';
import { Select } from 'antd';
import type { Resource } from '../../../../shared/domain/resources.js';
import { api } from '../../api/client.js';
import { notifyError } from '../../components/feedback.js';
import { useT } from '../../i18n/index.js';
import { useCurrentProjectId } from '../../store/session.js';

/** A 车位 of the current project, searched by its code, for the vehicle parked there. */
export function ParkingPicker({ value, onChange }: { value?: string | null; onChange?: (id: string | null) => void }) {
  const t = useT();
  const projectId = useCurrentProjectId();
  const [text, setText] = useState('');
  const [spaces, setSpaces] = useState<Resource[]>([]);

  useEffect(() => {
    if (!projectId) return;
    let live = true;
    const timer = setTimeout(() => {
      api.call('resource.list', { projectId, kind: 'parking', query: text.trim() || undefined, page: 1, pageSize: 20 }).then(
        (page) => live && setSpaces(page.items),
        (error: unknown) => notifyError(error),
      );
    }, 150);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [projectId, text]);

  return (
    <Select
      allowClear
      showSearch
      filterOption={false}
      value={value ?? undefined}
      placeholder={t('cust.vehicle.parkingPlaceholder')}
      onSearch={setText}
      onChange={(id?: string) => onChange?.(id ?? null)}
      options={spaces.map((s) => ({ value: s.id, label: `${s.code}${s.zone ? ` · ${s.zone}` : ''}` }))}
      data-testid="vehicle-parking"
    />
  );
}
