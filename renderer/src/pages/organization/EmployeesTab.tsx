import { useCallback, useEffect, useState } from 'react';
import { Button, Checkbox, Form, Input, Modal, Space, Switch, Table, Typography } from 'antd';
import { KeyOutlined, PlusOutlined, SearchOutlined } from '@ant-design/icons';
import { employeeInput, type Employee, type Project } from '../../../../shared/domain/org.js';
import type { Page } from '../../../../shared/domain/paging.js';
import { api } from '../../api/client.js';
import { notifyError, notifySuccess } from '../../components/feedback.js';
import { PagerBar } from '../../components/PagerBar.js';
import { showFieldErrors } from '../../components/serverErrors.js';
import { zodRule } from '../../components/zodRule.js';
import { useLang, useT } from '../../i18n/index.js';

const FIELDS = ['account', 'name', 'phone', 'department', 'allProjects'] as const;

export function EmployeesTab() {
  const t = useT();
  const lang = useLang();
  const [query, setQuery] = useState('');
  const [paging, setPaging] = useState({ page: 1, pageSize: 20 });
  const [data, setData] = useState<Page<Employee>>({ items: [], total: 0, page: 1, pageSize: 20 });
  const [editing, setEditing] = useState<{ employee: Employee | null } | null>(null);
  const [granting, setGranting] = useState<{ employee: Employee; projects: Project[]; granted: string[] } | null>(null);
  const [form] = Form.useForm();

  const load = useCallback(async () => {
    try {
      setData(await api.call('org.employees', { query: query.trim() || undefined, ...paging }));
    } catch (error) {
      notifyError(error);
    }
  }, [query, paging]);

  useEffect(() => {
    void load();
    // Query text applies on 查询 / Enter, not on every keystroke.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [paging]);

  const open = (employee: Employee | null) => {
    form.resetFields();
    form.setFieldsValue(employee ?? { allProjects: false });
    setEditing({ employee });
  };

  const save = async () => {
    let values: Record<string, unknown>;
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    const input = {
      name: String(values.name),
      phone: String(values.phone ?? ''),
      department: String(values.department ?? ''),
      allProjects: values.allProjects === true,
    };
    try {
      if (editing?.employee) await api.call('org.updateEmployee', { ...input, id: editing.employee.id });
      else await api.call('org.createEmployee', { ...input, account: String(values.account) });
      notifySuccess(t('common.saved'));
      setEditing(null);
      await load();
    } catch (error) {
      if (!showFieldErrors(form, error, FIELDS, lang)) notifyError(error);
    }
  };

  const openGrants = async (employee: Employee) => {
    try {
      const [projects, granted] = await Promise.all([
        api.call('org.projects', {}),
        api.call('org.grants', { employeeId: employee.id }),
      ]);
      setGranting({ employee, projects, granted });
    } catch (error) {
      notifyError(error);
    }
  };

  const saveGrants = async () => {
    if (!granting) return;
    try {
      await api.call('org.setGrants', { employeeId: granting.employee.id, projectIds: granting.granted });
      notifySuccess(t('common.saved'));
      setGranting(null);
    } catch (error) {
      notifyError(error);
    }
  };

  return (
    <>
      <Space className="toolbar">
        <Input
          allowClear
          placeholder={t('org.queryPlaceholder')}
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          onPressEnter={() => setPaging((p) => ({ ...p, page: 1 }))}
          style={{ width: 220 }}
        />
        <Button icon={<SearchOutlined />} onClick={() => setPaging((p) => ({ ...p, page: 1 }))}>
          {t('common.query')}
        </Button>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => open(null)} data-testid="org-add-employee">
          {t('org.addEmployee')}
        </Button>
      </Space>
      <Table<Employee>
        rowKey="id"
        size="small"
        dataSource={data.items}
        pagination={false}
        onRow={(employee) => ({ onDoubleClick: () => open(employee) })}
        columns={[
          { title: t('org.account'), dataIndex: 'account', width: 140 },
          { title: t('org.employeeName'), dataIndex: 'name', width: 140 },
          { title: t('org.phone'), dataIndex: 'phone', width: 140 },
          { title: t('org.department'), dataIndex: 'department' },
          {
            title: t('org.allProjects'),
            dataIndex: 'allProjects',
            width: 130,
            render: (all: boolean) => (all ? t('common.yes') : t('common.no')),
          },
          {
            title: '',
            width: 180,
            render: (_: unknown, employee) => (
              <Space>
                <Button size="small" type="link" onClick={() => open(employee)}>
                  {t('common.edit')}
                </Button>
                <Button size="small" type="link" icon={<KeyOutlined />} onClick={() => void openGrants(employee)}>
                  {t('org.grants')}
                </Button>
              </Space>
            ),
          },
        ]}
      />
      <PagerBar
        total={data.total}
        page={paging.page}
        pageSize={paging.pageSize}
        onChange={(page, pageSize) => setPaging({ page, pageSize })}
      />
      <Modal
        open={editing !== null}
        title={editing?.employee ? t('org.editEmployee') : t('org.addEmployee')}
        onOk={() => void save()}
        onCancel={() => setEditing(null)}
        okText={t('common.save')}
        cancelText={t('common.cancel')}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" onFinish={() => void save()}>
          <Form.Item name="account" label={t('org.account')} rules={[zodRule(employeeInput.shape.account, lang)]}>
            <Input disabled={Boolean(editing?.employee)} autoFocus />
          </Form.Item>
          <Form.Item name="name" label={t('org.employeeName')} rules={[zodRule(employeeInput.shape.name, lang)]}>
            <Input />
          </Form.Item>
          <Form.Item name="phone" label={t('org.phone')}>
            <Input />
          </Form.Item>
          <Form.Item name="department" label={t('org.department')} rules={[zodRule(employeeInput.shape.department, lang)]}>
            <Input />
          </Form.Item>
          <Form.Item name="allProjects" label={t('org.allProjects')} valuePropName="checked">
            <Switch />
          </Form.Item>
          <button type="submit" hidden />
        </Form>
      </Modal>
      <Modal
        open={granting !== null}
        title={granting ? t('org.grantsTitle', { name: granting.employee.name }) : ''}
        onOk={() => void saveGrants()}
        onCancel={() => setGranting(null)}
        okText={t('common.save')}
        cancelText={t('common.cancel')}
        destroyOnHidden
      >
        <Typography.Paragraph type="secondary">{t('org.grantsHint')}</Typography.Paragraph>
        <Checkbox.Group
          value={granting?.granted ?? []}
          onChange={(ids) => granting && setGranting({ ...granting, granted: ids as string[] })}
          options={(granting?.projects ?? []).map((p) => ({ value: p.id, label: `${p.code} ${p.name}` }))}
        />
      </Modal>
    </>
  );
}
