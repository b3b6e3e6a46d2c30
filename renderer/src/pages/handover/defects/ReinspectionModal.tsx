import { useEffect, useState } from 'react';
import { createPortal } from 'react-dom';
import { Button, Empty, Modal, Spin } from 'antd';
import { PrinterOutlined } from '@ant-design/icons';
import type { DefectView } from '../../../../../shared/api/calls/handover.js';
import { api } from '../../../api/client.js';
import { notifyError } from '../../../components/feedback.js';
import { useLang, useT } from '../../../i18n/index.js';
import { useCurrentProjectId, useSession } from '../../../store/session.js';
import { defectStatusName, severityName, todayText } from '../shared/handoverText.js';

/**
 * Only the sheet is printed: a copy of it sits at the top of the page, and while the print
 * dialog is up everything else on the page is left out.
 */
function printSheet(): void {
  document.body.classList.add('ho-printing');
  const done = () => {
    document.body.classList.remove('ho-printing');
    window.removeEventListener('afterprint', done);
  };
  window.addEventListener('afterprint', done);
  window.print();
  // print() returns once the dialog is closed where the host blocks; afterprint then may not come.
  window.setTimeout(done, 1000);
}

/** 复验清单: a room's open defects only, in the order of the walk, to tick off on paper. */
export function ReinspectionModal({ resource, onClose }: { resource: { id: string; place: string }; onClose: () => void }) {
  const t = useT();
  const lang = useLang();
  const projectId = useCurrentProjectId();
  const projectName = useSession((s) => s.session?.projects.find((p) => p.id === projectId)?.name ?? '');
  const [list, setList] = useState<DefectView[] | null>(null);

  useEffect(() => {
    let live = true;
    api
      .call('defect.reinspectionList', { resourceId: resource.id })
      .then((rows) => {
        if (live) setList(rows);
      })
      .catch((e: unknown) => {
        if (!live) return;
        notifyError(e);
        setList([]);
      });
    return () => {
      live = false;
    };
  }, [resource.id]);

  const renderSheet = (testId: string) =>
    list && (
      <div className="ho-print-sheet" data-testid={testId}>
        <h2 className="ho-print-title">{t('ho.reinsp.sheetTitle')}</h2>
        <div className="ho-print-meta">
          <span>
            {t('ho.reinsp.project')}：{projectName}
          </span>
          <span>
            {t('ho.col.room')}：{resource.place}
          </span>
          <span>
            {t('ho.reinsp.openCount')}：{list.length}
          </span>
          <span>
            {t('ho.reinsp.printedOn')}：{todayText()}
          </span>
        </div>
        <table className="ho-print-table">
          <thead>
            <tr>
              <th style={{ width: 36 }}>{t('common.seq')}</th>
              <th style={{ width: 90 }}>{t('ho.defect.area')}</th>
              <th style={{ width: 90 }}>{t('ho.defect.item')}</th>
              <th>{t('ho.defect.description')}</th>
              <th style={{ width: 56 }}>{t('ho.defect.severity')}</th>
              <th style={{ width: 96 }}>{t('ho.defect.contractor')}</th>
              <th style={{ width: 80 }}>{t('common.status')}</th>
              <th style={{ width: 110 }}>{t('ho.reinsp.result')}</th>
              <th style={{ width: 110 }}>{t('common.remark')}</th>
            </tr>
          </thead>
          <tbody>
            {list.map((d, i) => (
              <tr key={d.id} data-testid={testId === 'reinspection-sheet' ? 'reinspection-row' : undefined}>
                <td className="ho-center">{i + 1}</td>
                <td>{d.area}</td>
                <td>{d.itemName ?? ''}</td>
                <td>
                  {d.description}
                  {d.categoryName && <span className="ho-sub">（{d.categoryName}）</span>}
                  {d.overdue && <span className="ho-print-overdue">{t('ho.defect.overdueDays', { n: d.ageDays })}</span>}
                </td>
                <td className="ho-center">{severityName(lang, d.severity)}</td>
                <td>{d.contractor}</td>
                <td className="ho-center">{defectStatusName(lang, d.status)}</td>
                <td className="ho-print-boxes">
                  <span>□ {t('ho.reinsp.passed')}</span>
                  <span>□ {t('ho.reinsp.failed')}</span>
                </td>
                <td />
              </tr>
            ))}
          </tbody>
        </table>
        <div className="ho-print-signs">
          <span>{t('ho.reinsp.inspector')}：________________</span>
          <span>{t('ho.reinsp.contractorSign')}：________________</span>
          <span>{t('ho.reinsp.ownerSign')}：________________</span>
          <span>{t('ho.reinsp.date')}：________________</span>
        </div>
      </div>
    );
  const sheet = renderSheet('reinspection-sheet');

  return (
    <Modal
      open
      title={t('ho.reinsp.title', { place: resource.place })}
      onCancel={onClose}
      width={960}
      destroyOnHidden
      footer={[
        <Button key="close" onClick={onClose} data-testid="reinspection-close">
          {t('common.close')}
        </Button>,
        <Button
          key="print"
          type="primary"
          icon={<PrinterOutlined />}
          disabled={!list || list.length === 0}
          onClick={printSheet}
          data-testid="reinspection-print"
        >
          {t('ho.reinsp.print')}
        </Button>,
      ]}
      data-testid="reinspection-modal"
    >
      {list &&
        list.length > 0 &&
        createPortal(<div className="ho-print-root">{renderSheet('reinspection-print-copy')}</div>, document.body)}
      {!list ? <Spin className="ho-spin" /> : list.length === 0 ? <Empty description={t('ho.reinsp.empty')} /> : sheet}
    </Modal>
  );
}
