import { useEffect, useState, type ReactNode } from 'react';
import { Alert, Button, Card, Form, Input, Steps, Typography, type FormInstance } from 'antd';
import { CheckCircleFilled, CloudServerOutlined, DesktopOutlined, LoginOutlined } from '@ant-design/icons';
import { syncCalls } from '../../../../shared/api/calls/sync.js';
import { serverUrlSchema } from '../../../../shared/domain/sync.js';
import { ApiCallError, api } from '../../api/client.js';
import { errorText } from '../../api/errorText.js';
import { notifySuccess } from '../../components/feedback.js';
import { showFieldErrors } from '../../components/serverErrors.js';
import { zodRule } from '../../components/zodRule.js';
import { useLang, useT } from '../../i18n/index.js';
import { useSync } from '../../store/sync.js';

const registerShape = syncCalls['sync.register'].input.shape;
const loginShape = syncCalls['sync.login'].input.shape;

/** Failures after which the typed entries are worth trying again unchanged. */
const KEPT_CODES = new Set(['SYNC_OFFLINE', 'SYNC_FAILED']);

interface FailedCall {
  /** Kept as it came, so switching the language re-words it. */
  error: unknown;
  kept: boolean;
}

/**
 * Runs a form's sync.* call: field errors go onto the fields, anything else (the server's
 * refusal, the network) stays as a red notice under the form until the next try.
 */
function useSyncForm<V>(fields: readonly string[]) {
  const lang = useLang();
  const [form] = Form.useForm<V>();
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState<FailedCall | null>(null);
  const run = async (work: () => Promise<unknown>): Promise<boolean> => {
    if (busy) return false;
    setBusy(true);
    setFailed(null);
    try {
      await useSync.getState().act(work);
      return true;
    } catch (error) {
      if (!showFieldErrors(form as FormInstance, error, fields, lang)) {
        setFailed({ error, kept: error instanceof ApiCallError && KEPT_CODES.has(error.code) });
      }
      return false;
    } finally {
      setBusy(false);
    }
  };
  return { form, busy, failed, run };
}

function FailedNotice({ failed, testId }: { failed: FailedCall | null; testId: string }) {
  const t = useT();
  const lang = useLang();
  if (!failed) return null;
  return (
    <Alert
      type="error"
      showIcon
      title={errorText(lang, failed.error)}
      description={failed.kept ? t('sync.form.offlineKept') : undefined}
      className="sync-form-error"
      data-testid={testId}
    />
  );
}

function SetupCard({ icon, title, done, children, testId }: { icon: ReactNode; title: string; done: boolean; children: ReactNode; testId: string }) {
  return (
    <Card
      size="small"
      className="sync-setup-card"
      title={
        <span>
          {icon} {title}
          {done && <CheckCircleFilled className="sync-setup-done" />}
        </span>
      }
      data-testid={testId}
    >
      {children}
    </Card>
  );
}

function ServerForm() {
  const t = useT();
  const lang = useLang();
  const serverUrl = useSync((s) => s.status?.serverUrl ?? null);
  const { form, busy, failed, run } = useSyncForm<{ serverUrl: string }>(['serverUrl']);

  // The saved address fills the box until the user starts typing another one.
  useEffect(() => {
    if (serverUrl && !form.isFieldTouched('serverUrl')) form.setFieldsValue({ serverUrl });
  }, [serverUrl, form]);

  const save = async ({ serverUrl: typed }: { serverUrl: string }) => {
    if (await run(() => api.call('sync.configure', { serverUrl: typed }))) {
      // The host keeps the address normalised (no trailing /): show it as kept.
      form.setFieldsValue({ serverUrl: useSync.getState().status?.serverUrl ?? typed });
      notifySuccess(t('sync.form.serverSaved'));
    }
  };

  return (
    <SetupCard icon={<CloudServerOutlined />} title={t('sync.form.serverTitle')} done={serverUrl !== null} testId="sync-server-card">
      <Form form={form} layout="vertical" onFinish={(v) => void save(v)} initialValues={{ serverUrl: serverUrl ?? '' }}>
        <Form.Item name="serverUrl" label={t('sync.form.serverUrl')} rules={[zodRule(serverUrlSchema, lang)]} required>
          <Input placeholder={t('sync.form.serverPlaceholder')} autoComplete="off" data-testid="sync-server-url" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={busy} data-testid="sync-server-save">
          {t('sync.form.serverSave')}
        </Button>
      </Form>
      <FailedNotice failed={failed} testId="sync-server-error" />
    </SetupCard>
  );
}

function RegisterForm() {
  const t = useT();
  const lang = useLang();
  const configured = useSync((s) => s.status?.configured ?? false);
  const registered = useSync((s) => s.status?.registered ?? false);
  const [again, setAgain] = useState(false);
  const { form, busy, failed, run } = useSyncForm<{ code: string; deviceName: string }>(['code', 'deviceName']);

  const register = async (values: { code: string; deviceName: string }) => {
    if (await run(() => api.call('sync.register', values))) {
      form.resetFields();
      setAgain(false);
      notifySuccess(t('sync.form.registerDone'));
    }
  };

  const showForm = !registered || again;
  return (
    <SetupCard icon={<DesktopOutlined />} title={t('sync.form.registerTitle')} done={registered} testId="sync-register-card">
      {registered && (
        <Alert
          type="success"
          showIcon
          title={t('sync.form.registered')}
          className="sync-form-note"
          action={
            !again && (
              <Button size="small" type="link" onClick={() => setAgain(true)} data-testid="sync-register-again">
                {t('sync.form.reregister')}
              </Button>
            )
          }
        />
      )}
      {showForm && (
        <>
          {!configured ? (
            <Alert type="warning" showIcon title={t('sync.form.registerNeedsServer')} className="sync-form-note" />
          ) : (
            <Typography.Paragraph type="secondary" className="sync-form-hint">
              {t('sync.form.registerHint')}
            </Typography.Paragraph>
          )}
          <Form
            form={form}
            layout="vertical"
            disabled={!configured}
            initialValues={{ code: '', deviceName: '' }}
            onFinish={(v) => void register(v)}
          >
            <Form.Item name="code" label={t('sync.form.code')} rules={[zodRule(registerShape.code, lang)]} required>
              <Input placeholder={t('sync.form.codePlaceholder')} autoComplete="off" data-testid="sync-register-code" />
            </Form.Item>
            <Form.Item
              name="deviceName"
              label={t('sync.form.deviceName')}
              rules={[zodRule(registerShape.deviceName, lang)]}
              required
            >
              <Input placeholder={t('sync.form.deviceNamePlaceholder')} data-testid="sync-register-name" />
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={busy} data-testid="sync-register-submit">
              {registered ? t('sync.form.reregister') : t('sync.form.register')}
            </Button>
          </Form>
          <FailedNotice failed={failed} testId="sync-register-error" />
        </>
      )}
    </SetupCard>
  );
}

function LoginForm() {
  const t = useT();
  const lang = useLang();
  const registered = useSync((s) => s.status?.registered ?? false);
  const signedIn = useSync((s) => s.status?.signedIn ?? false);
  const employee = useSync((s) => s.status?.employee ?? null);
  const [again, setAgain] = useState(false);
  const { form, busy, failed, run } = useSyncForm<{ account: string; password: string }>(['account', 'password']);

  const login = async (values: { account: string; password: string }) => {
    const ok = await run(() => api.call('sync.login', values));
    // A password never stays in the form after the attempt.
    form.setFieldsValue({ password: '' });
    if (ok) {
      form.resetFields();
      setAgain(false);
      notifySuccess(t('sync.form.loginDone'));
    }
  };

  const showForm = !signedIn || again;
  return (
    <SetupCard icon={<LoginOutlined />} title={t('sync.form.loginTitle')} done={signedIn} testId="sync-login-card">
      {signedIn && employee && (
        <Alert
          type="success"
          showIcon
          title={t('sync.form.signedInAs', { name: employee.name, account: employee.account })}
          className="sync-form-note"
          action={
            !again && (
              <Button size="small" type="link" onClick={() => setAgain(true)} data-testid="sync-login-again">
                {t('sync.form.switchAccount')}
              </Button>
            )
          }
          data-testid="sync-signed-in"
        />
      )}
      {showForm && (
        <>
          {!registered ? (
            <Alert type="warning" showIcon title={t('sync.form.loginNeedsDevice')} className="sync-form-note" />
          ) : (
            <Typography.Paragraph type="secondary" className="sync-form-hint">
              {t('sync.form.loginHint')}
            </Typography.Paragraph>
          )}
          <Form
            form={form}
            layout="vertical"
            disabled={!registered}
            initialValues={{ account: '', password: '' }}
            onFinish={(v) => void login(v)}
          >
            <Form.Item name="account" label={t('sync.form.account')} rules={[zodRule(loginShape.account, lang)]} required>
              <Input autoComplete="username" data-testid="sync-login-account" />
            </Form.Item>
            <Form.Item name="password" label={t('sync.form.password')} rules={[zodRule(loginShape.password, lang)]} required>
              <Input.Password autoComplete="current-password" data-testid="sync-login-password" />
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={busy} data-testid="sync-login-submit">
              {t('sync.form.login')}
            </Button>
          </Form>
          <FailedNotice failed={failed} testId="sync-login-error" />
        </>
      )}
    </SetupCard>
  );
}

/** 设置服务器 → 登记设备 → 登录 → 同步, each step's form below the steps. */
export function SyncSetupForms() {
  const t = useT();
  const status = useSync((s) => s.status);
  const current = !status?.configured ? 0 : !status.registered ? 1 : !status.signedIn ? 2 : 3;
  return (
    <div className="sync-setup" data-testid="sync-setup">
      <Steps
        size="small"
        current={current}
        className="sync-steps"
        items={[
          { title: t('sync.steps.server') },
          { title: t('sync.steps.register') },
          { title: t('sync.steps.login') },
          { title: t('sync.steps.sync') },
        ]}
      />
      <ServerForm />
      <RegisterForm />
      <LoginForm />
    </div>
  );
}
