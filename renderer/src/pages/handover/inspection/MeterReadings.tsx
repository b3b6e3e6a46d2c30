import { useState } from 'react';
import { Button, Card, InputNumber, Space, Typography } from 'antd';
import { CheckCircleFilled, SaveOutlined } from '@ant-design/icons';
import type { InspectionView } from '../../../../../shared/api/calls/handover.js';
import { METERS, type MeterKind } from '../../../../../shared/domain/handover.js';
import { api } from '../../../api/client.js';
import { notifyError, notifyWarning } from '../../../components/feedback.js';
import { formatTime } from '../../../components/formatTime.js';
import { localName, useLang, useT } from '../../../i18n/index.js';
import type { PreparedPhoto } from '../shared/photos.js';
import { useInspection } from './inspectionStore.js';
import { PhotoPicker } from './PhotoPicker.js';
import { PhotoThumb } from './PhotoThumb.js';

/** 三表: water, electricity and gas, each a reading and a photo of the meter. */
export function MeterReadings({ view, locked }: { view: InspectionView; locked: boolean }) {
  return (
    <div className="insp-meters" data-testid="meters">
      {METERS.map((m) => (
        <MeterCard key={m.code} meter={m.code} view={view} locked={locked} />
      ))}
    </div>
  );
}

function MeterCard({ meter, view, locked }: { meter: MeterKind; view: InspectionView; locked: boolean }) {
  const t = useT();
  const lang = useLang();
  const def = METERS.find((m) => m.code === meter)!;
  const saved = view.meters.find((m) => m.meter === meter);
  const [reading, setReading] = useState<number | null>(saved?.reading ?? null);
  const [photo, setPhoto] = useState<PreparedPhoto | null>(null);
  const [saving, setSaving] = useState(false);
  const dirty = photo !== null || (reading !== null && reading !== saved?.reading);

  const save = async (value = reading, newPhoto = photo) => {
    if (value === null) {
      notifyWarning(t('insp.meter.readingFirst', { meter: localName(lang, def) }));
      return;
    }
    setSaving(true);
    try {
      await api.call('inspection.setMeter', {
        inspectionId: view.inspection.id,
        meter,
        reading: value,
        // Without a new photo the host keeps the one it has.
        photo: newPhoto ? { mime: newPhoto.mime, dataBase64: newPhoto.dataBase64, takenAt: newPhoto.takenAt } : null,
      });
      setPhoto(null);
      await useInspection.getState().reload();
    } catch (error) {
      notifyError(error);
    } finally {
      setSaving(false);
    }
  };

  const onPhoto = (photos: PreparedPhoto[]) => {
    const next = photos[0] ?? null;
    setPhoto(next);
    // With a reading typed, the photo is kept at once; without, it waits for the reading.
    if (next && reading !== null) void save(reading, next);
  };

  return (
    <Card
      size="small"
      title={localName(lang, def)}
      extra={
        saved ? (
          <Typography.Text type="secondary" data-testid={`meter-${meter}-saved`}>
            {!dirty && <CheckCircleFilled className="insp-meter-ok" />}
            {t('insp.meter.readAt', { time: formatTime(saved.readAt).slice(0, 16) })}
          </Typography.Text>
        ) : null
      }
      className="insp-meter"
      data-testid={`meter-${meter}`}
    >
      {locked ? (
        <Typography.Text strong className="insp-meter-value" data-testid={`meter-${meter}-value`}>
          {saved ? `${saved.reading} ${def.unit}` : t('insp.meter.none')}
        </Typography.Text>
      ) : (
        <Space.Compact block>
          <InputNumber<number>
            size="large"
            min={0}
            max={99_999_999}
            controls={false}
            value={reading}
            onChange={(v) => setReading(v)}
            onPressEnter={() => void save()}
            suffix={def.unit}
            placeholder={t('insp.meter.placeholder')}
            style={{ width: '100%' }}
            aria-label={localName(lang, def)}
            data-testid={`meter-${meter}-reading`}
          />
          <Button
            size="large"
            type={dirty ? 'primary' : 'default'}
            icon={<SaveOutlined />}
            loading={saving}
            disabled={!dirty}
            onClick={() => void save()}
            data-testid={`meter-${meter}-save`}
          >
            {t('common.save')}
          </Button>
        </Space.Compact>
      )}
      <div className="insp-meter-photo">
        {photo ? (
          <PhotoThumb
            previewUrl={photo.previewUrl}
            takenAt={photo.takenAt}
            onRemove={() => setPhoto(null)}
            testId={`meter-${meter}-thumb`}
          />
        ) : saved?.photo ? (
          <PhotoThumb attachment={saved.photo} testId={`meter-${meter}-thumb`} />
        ) : (
          <Typography.Text type="secondary">{t('insp.meter.noPhoto')}</Typography.Text>
        )}
        {!locked && <PhotoPicker onPhotos={onPhoto} multiple={false} disabled={saving} testId={`meter-${meter}-photo`} />}
      </div>
      {!locked && dirty && (
        <Typography.Text type="warning" className="insp-meter-dirty">
          {t('insp.meter.unsaved')}
        </Typography.Text>
      )}
    </Card>
  );
}
