import { useCallback, useEffect, useState } from 'react';
import { Button, Empty, Form, Input, Modal, Select, Space, Table, Tag } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { PROJECT_STATUSES, projectInput, regionInput, type Project, type Region } from '../../../../shared/domain/org.js';
import type { CallInput } from '../../../../shared/api/contract.js';
import { api } from '../../api/client.js';
import { notifyError, notifySuccess } from '../../components/feedback.js';
import { showFieldErrors } from '../../components/serverErrors.js';
import { zodRule } from '../../components/zodRule.js';
import { localName, useLang, useT } from '../../i18n/index.js';
import { useSession } from '../../store/session.js';

type Editing = { kind: 'region' } | { kind: 'project'; project: Project | null } | null;

const PROJECT_FIELDS = ['regionId', 'code', 'name', 'city', 'address', 'status'] as const;

export function ProjectsTab() {
  const t = useT();
  const lang = useLang();
  const [regions, setRegions] = useState<Region[]>([]);
  const [projects, setProjects] = useState<Project[]>([]);
  const [editing, setEditing] = useState<Editing>(null);
  const [form] = Form.useForm();

  const load = useCallback(async () => {
    try {
      const [r, p] = await Promise.all([api.call('org.regions', {}), api.call('org.projects', {})]);
      setRegions(r);
      setProjects(p);
    } catch (error) {
      notifyError(error);
    }
  }, []);

  useEffect(() => {
    void load();
  }, [load]);

  const open = (next: Editing) => {
    form.resetFields();
    if (next?.kind === 'project') form.setFieldsValue(next.project ?? { regionId: regions[0]?.id, status: 'selling' });
    setEditing(next);
  };

  const save = async () => {
    let values: Record<string, unknown>;
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    try {
      if (editing?.kind === 'region') {
        await api.call('org.createRegion', { code: String(values.code), name: String(values.name) });
      } else if (editing?.kind === 'project') {
        const input = { ...values, city: values.city ?? '', address: values.address ?? '' } as CallInput<'org.createProject'>;
        if (editing.project) await api.call('org.updateProject', { ...input, id: editing.project.id });
        else await api.call('org.createProject', input);
        void useSession.getState().load();
      }
      notifySuccess(t('common.saved'));
      setEditing(null);
      await load();
    } catch (error) {
      if (!showFieldErrors(form, error, [...PROJECT_FIELDS], lang)) notifyError(error);
    }
  };

  const regionName = (id: string) => regions.find((r) => r.id === id)?.name ?? '';

  return (
    <>
      <Space className="toolbar">
        <Button icon={<PlusOutlined />} onClick={() => open({ kind: 'region' })} data-testid="org-add-region">
          {t('org.addRegion')}
        </Button>
        <Button
          type="primary"
          icon={<PlusOutlined />}
          disabled={regions.length === 0}
          title={regions.length === 0 ? t('org.noRegion') : undefined}
          onClick={() => open({ kind: 'project', project: null })}
          data-testid="org-add-project"
        >
          {t('org.addProject')}
        </Button>
      </Space>
      <Table<Project>
        rowKey="id"
        size="small"
        dataSource={projects}
        pagination={false}
        locale={{ emptyText: <Empty description={t('org.empty')} /> }}
        onRow={(project) => ({ onDoubleClick: () => open({ kind: 'project', project }) })}
        columns={[
          { title: t('org.region'), dataIndex: 'regionId', render: (id: string) => regionName(id), width: 140 },
          { title: t('org.code'), dataIndex: 'code', width: 120 },
          { title: t('org.name'), dataIndex: 'name' },
          { title: t('org.city'), dataIndex: 'city', width: 120 },
          {
            title: t('org.status'),
            dataIndex: 'status',
            width: 100,
            render: (code: string) => {
              const status = PROJECT_STATUSES.find((s) => s.code === code);
              return <Tag>{status ? localName(lang, status) : code}</Tag>;
            },
          },
          {
            title: '',
            width: 80,
            render: (_: unknown, project) => (
              <Button size="small" type="link" onClick={() => open({ kind: 'project', project })}>
                {t('common.edit')}
              </Button>
            ),
          },
        ]}
        data-testid="org-projects"
      />
      <Modal
        open={editing !== null}
        title={editing?.kind === 'region' ? t('org.addRegion') : editing?.project ? t('org.editProject') : t('org.addProject')}
        onOk={() => void save()}
        onCancel={() => setEditing(null)}
        okText={t('common.save')}
        cancelText={t('common.cancel')}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" onFinish={() => void save()}>
          {editing?.kind === 'project' && (
            <Form.Item name="regionId" label={t('org.region')} rules={[{ required: true, message: t('org.noRegion') }]}>
              <Select options={regions.map((r) => ({ value: r.id, label: r.name }))} data-testid="org-project-region" />
            </Form.Item>
          )}
          <Form.Item name="code" label={t('org.code')} rules={[zodRule(regionInput.shape.code, lang)]}>
            <Input autoFocus data-testid="org-code" />
          </Form.Item>
          <Form.Item
            name="name"
            label={t('org.name')}
            rules={[zodRule(editing?.kind === 'region' ? regionInput.shape.name : projectInput.shape.name, lang)]}
          >
            <Input data-testid="org-name" />
          </Form.Item>
          {editing?.kind === 'project' && (
            <>
              <Form.Item name="city" label={t('org.city')} rules={[zodRule(projectInput.shape.city, lang)]}>
                <Input />
              </Form.Item>
              <Form.Item name="address" label={t('org.address')} rules={[zodRule(projectInput.shape.address, lang)]}>
                <Input />
              </Form.Item>
              <Form.Item name="status" label={t('org.status')}>
                <Select options={PROJECT_STATUSES.map((s) => ({ value: s.code, label: localName(lang, s) }))} />
              </Form.Item>
            </>
          )}
          <button type="submit" hidden />
        </Form>
      </Modal>
    </>
  );
}
