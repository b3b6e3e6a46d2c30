import type { App } from 'antd';
import { errorText } from '../api/errorText.js';
import { useLangStore } from '../i18n/index.js';

/**
 * Stores and hooks outside React need to report failures; they go through the
 * message instance of antd's <App>, which FeedbackBridge registers here.
 */
type MessageInstance = ReturnType<typeof App.useApp>['message'];

let instance: MessageInstance | null = null;

export function registerMessage(next: MessageInstance | null): void {
  instance = next;
}

export function notifySuccess(text: string): void {
  void instance?.success(text);
}

export function notifyWarning(text: string): void {
  void instance?.warning(text);
}

export function notifyError(error: unknown): void {
  void instance?.error(errorText(useLangStore.getState().lang, error));
}
