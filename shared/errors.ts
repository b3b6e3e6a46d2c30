/**
 * Every failure that crosses the API boundary is one of these codes with a Chinese
 * message for the user. Stack traces never cross; they stay in the host's log.
 */
export const ERROR_MESSAGES = {
  VALIDATION: '输入内容有误，请检查标红的项目',
  UNKNOWN_CALL: '不支持的操作',
  UNAUTHORIZED: '访问凭证无效，请重新打开应用',
  NOT_FOUND: '记录不存在或已被删除',
  DUPLICATE_NAME: '名称已存在，请换一个名称',
  ITEM_INVALID: '该记录已失效，只能查看，不能修改',
  CUSTOM_FIELD_OPEN: '该自定义信息已开启，其选项只能查看；请先关闭再维护',
  CUSTOM_FIELD_NO_OPTIONS: '下拉列表至少需要一个有效选项才能开启',
  CUSTOM_FIELD_NOT_SELECT: '只有“下拉列表”类型的自定义信息才有选项',
  MOVE_OUT_OF_RANGE: '无法移动到该位置',
  DUPLICATE_CODE: '编码已被使用，请换一个编码',
  PROJECT_NOT_VISIBLE: '您没有该项目的权限',
  RESOURCE_ENDED: '该房产已拆分或合并，只能查看历史',
  RESOURCE_PLAN_INVALID: '楼盘表设置有误',
  RESOURCE_HAS_CHILDREN: '该资源下还有下级资源',
  RELATION_RULE: '客房关系不符合规则',
  OWNER_EXISTS: '该房产已有业主，请先办理过户或结束现有业主关系',
  DUPLICATE_ID_DOCUMENT: '该证件号码已登记为客户',
  DUPLICATE_WARNING: '可能与已有客户重复，请确认后再保存',
  CUSTOMER_MERGED: '该客户已合并到其他客户',
  MERGE_RULE: '无法合并这两个客户',
  IMPORT_FILE: 'Excel 文件无法读取',
  IMPORT_EXPIRED: '导入文件已过期，请重新选择文件',
  NOTHING_TO_RESTORE: '该历史记录没有可恢复的值',
  SYNC_NOT_CONFIGURED: '尚未设置集团服务器地址，请先设置服务器地址',
  SYNC_DISABLED: '本机未启用同步',
  SYNC_NOT_REGISTERED: '本设备尚未在集团服务器登记，请向管理员索取登记码',
  SYNC_NOT_SIGNED_IN: '尚未登录集团服务器，请先登录',
  SYNC_OFFLINE: '无法连接集团服务器，请检查网络后重试；数据已保存在本机，联网后自动同步',
  SYNC_CODE_INVALID: '登记码无效或已过期',
  SYNC_LOGIN_FAILED: '账号或密码不正确',
  SYNC_FAILED: '同步失败，稍后自动重试',
  CONFLICT_RESOLVED: '该冲突已处理过',
  CONFLICT_RETRY_FAILED: '无法重新提交该冲突中的修改',
  ATTACHMENT_PENDING: '附件尚未下载到本机，联网同步后即可查看',
  DB_WRONG_KEY: '数据库密钥不正确，无法打开本地数据库。数据未被改动，请联系IT人员',
  DB_NEWER_THAN_APP: '本地数据库由更新版本的 SiteDesk 创建，请升级应用后再打开。数据未被改动',
  DB_CORRUPT: '本地数据库文件无法读取。数据未被改动，请联系IT人员',
  HANDOVER_RULE: '不符合交付规则',
  TEMPLATE_RULE: '不符合验房模板规则',
  INSPECTION_LOCKED: '该验房已完成，内容已锁定',
  DEFECT_RULE: '不符合缺陷整改规则',
  INTERNAL: '系统内部错误，请稍后重试或联系IT人员',
} as const;

export type ErrorCode = keyof typeof ERROR_MESSAGES;

/** The error shape on the wire. */
export interface ApiError {
  code: ErrorCode;
  message: string;
  /** Per-field messages for forms, keyed by input field path (e.g. "name"). */
  fieldErrors?: Record<string, string>;
  /** Data the UI acts on, e.g. the existing customer a duplicate document belongs to. */
  details?: Record<string, unknown>;
}

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly fieldErrors: Record<string, string> | undefined;
  readonly details: Record<string, unknown> | undefined;

  constructor(code: ErrorCode, message?: string, fieldErrors?: Record<string, string>, details?: Record<string, unknown>) {
    super(message ?? ERROR_MESSAGES[code]);
    this.name = 'AppError';
    this.code = code;
    this.fieldErrors = fieldErrors;
    this.details = details;
  }

  toApiError(): ApiError {
    const error: ApiError = { code: this.code, message: this.message };
    if (this.fieldErrors) error.fieldErrors = this.fieldErrors;
    if (this.details) error.details = this.details;
    return error;
  }
}

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(ERROR_MESSAGES, value);
}
