import { useEffect } from 'react';
import { App as AntApp, ConfigProvider } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import { registerMessage } from './components/feedback.js';
import { useLang } from './i18n/index.js';
import { AppShell } from './shell/AppShell.js';

const FONT_FAMILY =
  '-apple-system, BlinkMacSystemFont, "Segoe UI", "PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", "Noto Sans SC", "Helvetica Neue", Arial, sans-serif';

/** Hands antd's context-aware message API to code outside components. */
function FeedbackBridge() {
  const { message } = AntApp.useApp();
  useEffect(() => {
    registerMessage(message);
    return () => registerMessage(null);
  }, [message]);
  return null;
}

export function Root() {
  const lang = useLang();
  return (
    <ConfigProvider
      locale={lang === 'zh' ? zhCN : enUS}
      theme={{ token: { fontFamily: FONT_FAMILY, borderRadius: 4 } }}
      button={{ autoInsertSpace: false }}
    >
      <AntApp>
        <FeedbackBridge />
        <AppShell />
      </AntApp>
    </ConfigProvider>
  );
}
