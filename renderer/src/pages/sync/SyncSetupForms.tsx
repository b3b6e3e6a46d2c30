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

interface SetupStepProps<V> {
  icon: ReactNode;
  title: string;
  /** Test ids: `${id}-card` and `${id}-error`. */
  id: string;
  /** The step is done (its tick shows). */
  done: boolean;
  /**
   * Once done, the form folds away behind this note, whose link opens it again (登记 anew,
   * 切换账号). Without it the form always shows (the server address).
   */
  doneNote?: { title: ReactNode; again: string; againTestId: string; testId?: string } | undefined;
  /** Why the step cannot be taken yet (the form is disabled), or null. */
  blocked?: string | null;
  hint?: string;
  /** The form and its call's state (useSyncForm). */
  call: ReturnType<typeof useSyncForm<V>>;
  initialValues: V;
  /** The step's call (sync.configure, sync.register, sync.login). */
  submit: (values: V) => Promise<unknown>;
  /** After every attempt, whatever its outcome (a password never stays in the form). */
  afterAttempt?: () => void;
  /** After success: the form is emptied (`reset`), `onDone` runs, `doneMessage` shows. */
  reset?: boolean;
  onDone?: (values: V) => void;
  doneMessage: string;
  submitLabel: string;
  submitTestId: string;
  /** The form's fields. */
  children: ReactNode;
}

/** One set-up step: a card with its tick, its note once done, its form and its failure. */
function SetupStep<V>(props: SetupStepProps<V>) {
  const { doneNote, blocked = null } = props;
  const [again, setAgain] = useState(false);
  const showForm = !doneNote || !props.done || again;
  const submit = async (values: V) => {
    const ok = await props.call.run(() => props.submit(values));
    props.afterAttempt?.();
    if (!ok) return;
    if (props.reset) props.call.form.resetFields();
    props.onDone?.(values);
    notifySuccess(props.doneMessage);
    setAgain(false);
  };
  return (
    <Card
      size="small"
      className="sync-setup-card"
      title={
        <span>
          {props.icon} {props.title}
          {props.done && <CheckCircleFilled className="sync-setup-done" />}
        </span>
      }
      data-testid={`${props.id}-card`}
    >
      {doneNote && props.done && (
        <Alert
          type="success"
          showIcon
          title={doneNote.title}
          className="sync-form-note"
          action={
            !again && (
              <Button size="small" type="link" onClick={() => setAgain(true)} data-testid={doneNote.againTestId}>
                {doneNote.again}
              </Button>
            )
          }
          data-testid={doneNote.testId}
        />
      )}
      {showForm && (
        <>
          {blocked !== null ? (
            <Alert type="warning" showIcon title={blocked} className="sync-form-note" />
          ) : (
            props.hint && (
              <Typography.Paragraph type="secondary" className="sync-form-hint">
                {props.hint}
              </Typography.Paragraph>
            )
          )}
          <Form
            form={props.call.form}
            layout="vertical"
            disabled={blocked !== null}
            initialValues={props.initialValues as object}
            onFinish={(v) => void submit(v)}
          >
            {props.children}
            <Button type="primary" htmlType="submit" loading={props.call.busy} data-testid={props.submitTestId}>
              {props.submitLabel}
            </Button>
          </Form>
          <FailedNotice failed={props.call.failed} testId={`${props.id}-error`} />
        </>
      )}
    </Card>
  );
}

function ServerForm() {
  const t = useT();
  const lang = useLang();
  const serverUrl = useSync((s) => s.status?.serverUrl ?? null);
  const call = useSyncForm<{ serverUrl: string }>(['serverUrl']);

  // The saved address fills the box until the user starts typing another one.
  useEffect(() => {
    if (serverUrl && !call.form.isFieldTouched('serverUrl')) call.form.setFieldsValue({ serverUrl });
  }, [serverUrl, call.form]);

  return (
    <SetupStep
      icon={<CloudServerOutlined />}
      title={t('sync.form.serverTitle')}
      done={serverUrl !== null}
      id="sync-server"
      call={call}
      initialValues={{ serverUrl: serverUrl ?? '' }}
      submit={(values) => api.call('sync.configure', values)}
      // The host keeps the address normalised (no trailing /): show it as kept.
      onDone={({ serverUrl: typed }) => call.form.setFieldsValue({ serverUrl: useSync.getState().status?.serverUrl ?? typed })}
      doneMessage={t('sync.form.serverSaved')}
      submitLabel={t('sync.form.serverSave')}
      submitTestId="sync-server-save"
    >
      <Form.Item name="serverUrl" label={t('sync.form.serverUrl')} rules={[zodRule(serverUrlSchema, lang)]} required>
        <Input placeholder={t('sync.form.serverPlaceholder')} autoComplete="off" data-testid="sync-server-url" />
      </Form.Item>
    </SetupStep>
  );
}

function RegisterForm() {
  const t = useT();
  const lang = useLang();
  const configured = useSync((s) => s.status?.configured ?? false);
  const registered = useSync((s) => s.status?.registered ?? false);
  const call = useSyncForm<{ code: string; deviceName: string }>(['code', 'deviceName']);

  return (
    <SetupStep
      icon={<DesktopOutlined />}
      title={t('sync.form.registerTitle')}
      done={registered}
      id="sync-register"
      doneNote={{ title: t('sync.form.registered'), again: t('sync.form.reregister'), againTestId: 'sync-register-again' }}
      blocked={configured ? null : t('sync.form.registerNeedsServer')}
      hint={t('sync.form.registerHint')}
      call={call}
      initialValues={{ code: '', deviceName: '' }}
      submit={(values) => api.call('sync.register', values)}
      reset
      doneMessage={t('sync.form.registerDone')}
      submitLabel={registered ? t('sync.form.reregister') : t('sync.form.register')}
      submitTestId="sync-register-submit"
    >
      <Form.Item name="code" label={t('sync.form.code')} rules={[zodRule(registerShape.code, lang)]} required>
        <Input placeholder={t('sync.form.codePlaceholder')} autoComplete="off" data-testid="sync-register-code" />
      </Form.Item>
      <Form.Item name="deviceName" label={t('sync.form.deviceName')} rules={[zodRule(registerShape.deviceName, lang)]} required>
        <Input placeholder={t('sync.form.deviceNamePlaceholder')} data-testid="sync-register-name" />
      </Form.Item>
    </SetupStep>
  );
}

function LoginForm() {
  const t = useT();
  const lang = useLang();
  const registered = useSync((s) => s.status?.registered ?? false);
  const signedIn = useSync((s) => s.status?.signedIn ?? false);
  const employee = useSync((s) => s.status?.employee ?? null);
  const call = useSyncForm<{ account: string; password: string }>(['account', 'password']);

  return (
    <SetupStep
      icon={<LoginOutlined />}
      title={t('sync.form.loginTitle')}
      done={signedIn}
      id="sync-login"
      doneNote={
        employee
          ? {
              title: t('sync.form.signedInAs', { name: employee.name, account: employee.account }),
              again: t('sync.form.switchAccount'),
              againTestId: 'sync-login-again',
              testId: 'sync-signed-in',
            }
          : undefined
      }
      blocked={registered ? null : t('sync.form.loginNeedsDevice')}
      hint={t('sync.form.loginHint')}
      call={call}
      initialValues={{ account: '', password: '' }}
      submit={(values) => api.call('sync.login', values)}
      // A password never stays in the form after the attempt.
      afterAttempt={() => call.form.setFieldsValue({ password: '' })}
      reset
      doneMessage={t('sync.form.loginDone')}
      submitLabel={t('sync.form.login')}
      submitTestId="sync-login-submit"
    >
      <Form.Item name="account" label={t('sync.form.account')} rules={[zodRule(loginShape.account, lang)]} required>
        <Input autoComplete="username" data-testid="sync-login-account" />
      </Form.Item>
      <Form.Item name="password" label={t('sync.form.password')} rules={[zodRule(loginShape.password, lang)]} required>
        <Input.Password autoComplete="current-password" data-testid="sync-login-password" />
      </Form.Item>
    </SetupStep>
  );
}

/**
 * 设置服务器 → 登记设备 → 登录 → 同步, each step's form below the steps; once signed in and
 * synced, every step shows done.
 */
export function SyncSetupForms() {
  const t = useT();
  const status = useSync((s) => s.status);
  const current = !status?.configured
    ? 0
    : !status.registered
      ? 1
      : !status.signedIn
        ? 2
        : status.lastSuccessAt === null
          ? 3
          : 4;
  return (
    <div className="sync-setup" data-testid="sync-setup">
      <Steps
        size="small"
        current={current}
        className="sync-steps"
        data-testid="sync-steps"
        data-done={current === 4 ? 'all' : String(current)}
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
