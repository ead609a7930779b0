/**
 * Every text the server sends a person, in both languages Henji speaks (K13: zh-CN by default, en-US selectable).
 * Code says what went wrong as a key and parameters (`msg('org.department_code_taken', { code })`); the text is
 * rendered only at the edge (http/errors.ts, the import report) in the caller's language. `{name}` is a parameter; a
 * unit test checks that both languages use the same ones, and the types make an unknown key or a missing parameter a
 * compile error. Wording follows the policies' vocabulary (部门, 用户, 岗位, 角色, 代理, 痕迹, 检查点 …).
 */
import type { ContractMessageKey } from '@henji/contracts';
import { AREA_MESSAGES } from './messages-areas.ts';

export const LOCALES = ['zh-CN', 'en-US'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'zh-CN';
export const isLocale = (value: unknown): value is Locale => LOCALES.some((l) => l === value);

const KERNEL_MESSAGES = {
  // What a not_found error names: `notFound('department')` → "部门不存在".
  'noun.department': { 'zh-CN': '部门', 'en-US': 'department' },
  'noun.user': { 'zh-CN': '用户', 'en-US': 'user' },
  'noun.position': { 'zh-CN': '岗位', 'en-US': 'position' },
  'noun.role': { 'zh-CN': '角色', 'en-US': 'role' },
  'noun.delegation': { 'zh-CN': '代理', 'en-US': 'delegation' },
  'noun.api_token': { 'zh-CN': 'API 令牌', 'en-US': 'API token' },
  'noun.checkpoint': { 'zh-CN': '检查点', 'en-US': 'checkpoint' },
  'noun.subject': { 'zh-CN': '痕迹对象', 'en-US': 'subject' },
  'noun.webhook': { 'zh-CN': 'Webhook 订阅', 'en-US': 'webhook subscription' },
  'noun.record': { 'zh-CN': '记录', 'en-US': 'record' },

  // The parts of a request that a schema validates.
  'part.body': { 'zh-CN': '请求体', 'en-US': 'body' },
  'part.querystring': { 'zh-CN': '查询参数', 'en-US': 'querystring' },
  'part.params': { 'zh-CN': '路径参数', 'en-US': 'params' },
  'part.headers': { 'zh-CN': '请求头', 'en-US': 'headers' },
  'part.request': { 'zh-CN': '请求', 'en-US': 'request' },

  'error.not_found': { 'zh-CN': '{what}不存在', 'en-US': '{what} not found' },
  'error.forbidden': { 'zh-CN': '你无权执行此操作', 'en-US': 'you may not do this' },
  'error.validation_failed': { 'zh-CN': '提交的内容未通过校验', 'en-US': 'validation failed' },
  'error.internal': { 'zh-CN': '服务器内部错误，已记录日志', 'en-US': 'an internal error occurred; it has been logged' },

  'http.invalid_part': { 'zh-CN': '{part}未通过校验', 'en-US': 'invalid {part}' },
  'http.unsupported_content_type': {
    'zh-CN': '不支持此 Content-Type，请发送 application/json',
    'en-US': 'unsupported Content-Type; send application/json',
  },
  'http.unsupported_media_type': { 'zh-CN': '不支持此内容类型', 'en-US': 'unsupported content type' },
  'http.multipart_expected': { 'zh-CN': '此接口需要 multipart/form-data 格式的请求', 'en-US': 'this endpoint expects multipart/form-data' },
  'http.body_too_large': { 'zh-CN': '请求内容过大', 'en-US': 'the request body is too large' },
  'http.empty_json': {
    'zh-CN': '请求体为空，但 Content-Type 为 application/json',
    'en-US': 'the request body is empty but Content-Type is application/json',
  },
  'http.invalid_json': { 'zh-CN': '请求体不是有效的 JSON', 'en-US': 'the request body is not valid JSON' },
  'http.invalid_utf8': { 'zh-CN': '请求体不是有效的 UTF-8 文本', 'en-US': 'the request body is not valid UTF-8' },
  'http.invalid_unicode': {
    'zh-CN': '包含无效的 Unicode 字符（孤立的代理项）',
    'en-US': 'contains invalid Unicode (a lone surrogate)',
  },
  'http.malformed_multipart': {
    'zh-CN': 'multipart/form-data 请求格式错误（缺少 boundary 或内容被截断）',
    'en-US': 'malformed multipart/form-data (missing boundary or truncated part)',
  },
  // Fastify's own text for a rare framework error, inside a sentence in the caller's language.
  'http.bad_request': { 'zh-CN': '请求无效：{detail}', 'en-US': 'invalid request: {detail}' },
  'http.not_found': { 'zh-CN': '请求的内容不存在：{detail}', 'en-US': 'not found: {detail}' },
  'http.no_api_route': { 'zh-CN': '没有接口 {method} {url}', 'en-US': 'no API route {method} {url}' },
  'http.method_not_allowed': { 'zh-CN': '{url} 不支持 {method} 方法', 'en-US': '{method} is not allowed on {url}' },
  'http.no_route': { 'zh-CN': '没有路由 {method} {url}', 'en-US': 'no route {method} {url}' },
  'http.web_not_built': { 'zh-CN': '网页端尚未构建，请运行 npm run build', 'en-US': 'the web app is not built; run npm run build' },

  // PostgreSQL errors a concurrent request can cause.
  'db.unique': { 'zh-CN': '已存在具有相同唯一值的记录', 'en-US': 'a record with the same unique value already exists' },
  'db.foreign_key': {
    'zh-CN': '所引用的记录不存在，或该记录仍在使用中',
    'en-US': 'the change refers to a record that does not exist or is still in use',
  },
  'db.concurrent': { 'zh-CN': '另一项并发修改已先完成，请重试', 'en-US': 'a concurrent change got there first; retry' },
  'db.bad_value': { 'zh-CN': '有数值超出范围或格式不正确', 'en-US': 'a value is out of range or malformed' },
  'db.unstorable_text': {
    'zh-CN': '文本中含有无法保存的字符（如 NUL）',
    'en-US': 'a text value contains a character that cannot be stored (such as NUL)',
  },

  'auth.sign_in_first': { 'zh-CN': '请先登录', 'en-US': 'sign in first' },
  'auth.token_invalid': { 'zh-CN': 'API 令牌无效、已过期或已撤销', 'en-US': 'the API token is invalid, expired or revoked' },
  'auth.csrf': { 'zh-CN': '缺少 x-csrf-token 请求头，或其值不正确', 'en-US': 'missing or wrong x-csrf-token header' },
  'auth.no_delegation': { 'zh-CN': '没有生效中的代理允许你代该用户操作', 'en-US': 'no active delegation lets you act for this user' },
  'auth.rate_limited': { 'zh-CN': '登录尝试过于频繁，请稍后再试', 'en-US': 'too many sign-in attempts; wait and try again' },
  'auth.throttled': {
    'zh-CN': '此账户从当前地址登录失败次数过多，请稍后再试',
    'en-US': 'too many failed sign-ins to this account from this address; wait and try again',
  },
  'auth.locked': { 'zh-CN': '连续登录失败次数过多，账户已锁定', 'en-US': 'this account is locked after repeated failed sign-ins' },
  'auth.wrong_credentials': { 'zh-CN': '用户名或密码错误', 'en-US': 'wrong username or password' },
  'auth.token_cannot_mint': { 'zh-CN': '不能用 API 令牌创建新的令牌', 'en-US': 'an API token cannot create further tokens' },
  'auth.delegate_cannot_mint': {
    'zh-CN': '代理人不能为被代理人创建 API 令牌',
    'en-US': 'a delegate cannot create API tokens for the user they act for',
  },
  'auth.password_change_needs_user': { 'zh-CN': '只有已登录的用户才能修改自己的密码', 'en-US': 'only a signed-in user can change their password' },
  'auth.password_change_required': {
    'zh-CN': '您的密码由他人设置或系统生成，请先设置新密码',
    'en-US': 'your password was set by someone else or generated: set a new password first',
  },
  'auth.password_same_as_current': { 'zh-CN': '新密码不能与当前密码相同', 'en-US': 'the new password must differ from the current one' },
  'auth.wrong_current_password': { 'zh-CN': '当前密码不正确', 'en-US': 'the current password is wrong' },
  'auth.token_needs_user': { 'zh-CN': '只有用户才能拥有 API 令牌', 'en-US': 'only a user can own an API token' },

  'org.no_such_department': { 'zh-CN': '部门不存在', 'en-US': 'no such department' },
  'org.no_such_user': { 'zh-CN': '用户不存在', 'en-US': 'no such user' },
  'org.no_such_position': { 'zh-CN': '岗位不存在', 'en-US': 'no such position' },
  'org.unknown_roles': { 'zh-CN': '角色不存在：{roles}', 'en-US': 'unknown roles: {roles}' },
  'org.department_own_parent': { 'zh-CN': '部门不能是自己的上级部门', 'en-US': 'a department cannot be its own parent' },
  'org.department_cycle': { 'zh-CN': '这样会使部门成为自己的下级部门', 'en-US': 'this would make the department its own ancestor' },
  'org.report_to_self': { 'zh-CN': '用户不能向自己汇报', 'en-US': 'a user cannot report to themselves' },
  'org.reporting_cycle': { 'zh-CN': '这样会使汇报关系形成循环', 'en-US': 'this would create a loop in the reporting lines' },
  'org.department_code_taken': { 'zh-CN': '部门编码 {code} 已被使用', 'en-US': 'department code {code} is already used' },
  'org.position_code_taken': { 'zh-CN': '岗位编码 {code} 已被使用', 'en-US': 'position code {code} is already used' },
  'org.role_code_taken': { 'zh-CN': '角色编码 {code} 已被使用', 'en-US': 'role code {code} is already used' },
  'org.username_taken': { 'zh-CN': '用户名 {username} 已被占用', 'en-US': 'username {username} is already taken' },
  'org.delegate_inactive': { 'zh-CN': '代理人必须是在职用户', 'en-US': 'the delegate must be an active user' },
  'org.delegation_overlap': {
    'zh-CN': '同一代理人已有一项期间重叠的代理',
    'en-US': 'an overlapping delegation to the same person already exists',
  },

  'outbound.refused_address': {
    'zh-CN': '{address} 是本机、内网或保留地址，不能作为发送目标；如确需使用，请由管理员在 HENJI_ALLOW_PRIVATE_NETWORKS 中放行该网段',
    'en-US': '{address} is a loopback, private or reserved address and cannot be a destination; an operator may allow its network with HENJI_ALLOW_PRIVATE_NETWORKS',
  },

  // The user import (K3): the file as a whole, then the report's per-row problems.
  'import.send_multipart': {
    'zh-CN': '请以 multipart/form-data 格式上传文件，字段名为 "file"',
    'en-US': 'send the file as multipart/form-data in the field "file"',
  },
  'import.send_file_field': { 'zh-CN': '请在 multipart 字段 "file" 中上传文件', 'en-US': 'send the file in the multipart field "file"' },
  'import.file_type': { 'zh-CN': '文件必须是 .xlsx 或 .csv 格式', 'en-US': 'the file must be .xlsx or .csv' },
  'import.unreadable': { 'zh-CN': '无法将文件读取为电子表格', 'en-US': 'the file could not be read as a spreadsheet' },
  'import.empty': { 'zh-CN': '文件是空的', 'en-US': 'the file is empty' },
  'import.headers': {
    'zh-CN': '第一行至少要有“用户名”和“姓名”两列',
    'en-US': 'the first row must name at least the columns 用户名 (username) and 姓名 (name)',
  },
  'import.too_many_rows': { 'zh-CN': '每个文件最多 {max} 行', 'en-US': 'at most {max} rows per file' },
  'import.too_many_columns': { 'zh-CN': '每行最多 {max} 列', 'en-US': 'at most {max} columns per row' },
  'import.cell_too_long': {
    'zh-CN': '第 {row} 行有单元格超过 {max} 个字符',
    'en-US': 'row {row} has a cell longer than {max} characters',
  },
  'import.too_large': { 'zh-CN': '导入文件不能超过 {max} MiB', 'en-US': 'the import file may be at most {max} MiB' },
  'import.unzipped_too_large': {
    'zh-CN': 'xlsx 文件解压后超过 {max} MiB，或包含的文件过多',
    'en-US': 'the xlsx file unpacks to more than {max} MiB or holds too many files',
  },
  'import.not_utf8': { 'zh-CN': 'CSV 文件必须是 UTF-8 编码', 'en-US': 'the CSV file must be UTF-8 encoded' },
  'import.no_department': { 'zh-CN': '没有编码为 {code} 的部门', 'en-US': 'no department with code {code}' },
  'import.no_position': { 'zh-CN': '岗位 {position} 不存在', 'en-US': 'no position {position}' },
  'import.same_username': { 'zh-CN': '用户名与第 {row} 行重复', 'en-US': 'same username as row {row}' },
  'import.no_manager': { 'zh-CN': '系统和文件中都没有用户 {username}', 'en-US': 'no user {username} in the system or the file' },

  'ledger.tree_building': { 'zh-CN': '痕迹账本的树仍在构建中，请稍后重试', 'en-US': 'the ledger tree is still being built; retry shortly' },
  'ledger.no_checkpoint': { 'zh-CN': '尚未签发任何检查点，请稍后重试', 'en-US': 'no checkpoint has been signed yet; retry in a moment' },
  'ledger.tree_size_too_large': {
    'zh-CN': 'treeSize {treeSize} 超过了当前树的大小（{size} 个叶子）',
    'en-US': 'treeSize {treeSize} is larger than the tree ({size} leaves)',
  },
  'ledger.at_most': { 'zh-CN': '不能大于 {max}', 'en-US': 'must be at most {max}' },
  'ledger.index_not_below_tree_size': { 'zh-CN': 'index 必须小于 treeSize', 'en-US': 'index must be smaller than treeSize' },
  'ledger.below_tree_size': { 'zh-CN': '必须小于 treeSize', 'en-US': 'must be smaller than treeSize' },
  'ledger.from_after_to': { 'zh-CN': 'from 不能大于 to', 'en-US': 'from must not be larger than to' },
  'ledger.not_above_to': { 'zh-CN': '不能大于 to', 'en-US': 'must not be larger than to' },

  // Messages of the shared schemas (packages/contracts/src/messages.ts); zod reports them as their key.
  'contract.department_code': {
    'zh-CN': '编码须为 2–10 位大写字母或数字，以字母开头',
    'en-US': 'code must be 2–10 upper-case letters or digits, starting with a letter',
  },
  'contract.webhook_url': {
    'zh-CN': '地址须为 http:// 或 https:// 开头的完整 URL',
    'en-US': 'the address must be a full http:// or https:// URL',
  },
  'contract.webhook_event': {
    'zh-CN': '事件须为动作名（如 department.create）、以“.”结尾的前缀（如 department.）或 *',
    'en-US': "an event is an action name (department.create), a prefix ending in '.' (department.) or *",
  },
  'contract.code': {
    'zh-CN': '编码须为 2–40 位小写字母、数字或下划线，以字母开头',
    'en-US': 'code must be 2–40 lower-case letters, digits or underscores, starting with a letter',
  },
  'contract.username': {
    'zh-CN': '用户名须为 2–32 位字母、数字、点、连字符或下划线，以字母开头',
    'en-US': 'username must be 2–32 letters, digits, dots, dashes or underscores, starting with a letter',
  },
  'contract.password_length': { 'zh-CN': '密码至少 10 个字符', 'en-US': 'at least 10 characters' },
  'contract.phone': { 'zh-CN': '电话号码格式不正确', 'en-US': 'not a phone number' },
  'contract.ends_before_starts': { 'zh-CN': '结束日期不能早于开始日期', 'en-US': 'endsOn must not be before startsOn' },
  'contract.delegate_to_self': { 'zh-CN': '不能代理给本人', 'en-US': 'a user cannot delegate to themselves' },
} as const satisfies Record<string, Record<Locale, string>>;

/** The kernel's messages and those of every area (messages-areas.ts), one catalogue. */
export const MESSAGES = { ...KERNEL_MESSAGES, ...AREA_MESSAGES };

type Catalogue = typeof MESSAGES;
export type MessageKey = keyof Catalogue;

/** A message to be rendered later in the reader's language; a parameter may itself be a message or a list. */
export interface Message {
  readonly key: MessageKey;
  readonly params?: Readonly<Record<string, ParamValue>>;
}
export type ParamValue = string | number | Message | readonly string[];

/** The `{name}` placeholders of a template, as a union of names. */
type Placeholders<S extends string> = S extends `${string}{${infer Name}}${infer Rest}` ? Name | Placeholders<Rest> : never;
type ParamNames<K extends MessageKey> = Placeholders<Catalogue[K]['en-US']>;
/** The parameters a key needs: none, or exactly its placeholders. */
export type ParamsOf<K extends MessageKey> = [ParamNames<K>] extends [never] ? [] : [Readonly<Record<ParamNames<K>, ParamValue>>];

export const msg = <K extends MessageKey>(key: K, ...params: ParamsOf<K>): Message =>
  params[0] === undefined ? { key } : { key, params: params[0] };

export const isMessageKey = (text: string): text is MessageKey => Object.hasOwn(MESSAGES, text);

/** Nouns a not_found error can name: the `noun.*` keys without their prefix. */
export type Noun = MessageKey extends infer K ? (K extends `noun.${infer N}` ? N : never) : never;
export const isNoun = (word: string): word is Noun => isMessageKey(`noun.${word}`);

const LIST_SEPARATOR: Record<Locale, string> = { 'zh-CN': '、', 'en-US': ', ' };

/** Renders a message in a language. A placeholder without a value stays as written, visible rather than blank. */
export function render(locale: Locale, message: Message): string {
  return MESSAGES[message.key][locale].replace(/\{(\w+)\}/g, (placeholder, name: string) => {
    const value = message.params?.[name];
    if (value === undefined) return placeholder;
    if (typeof value === 'string' || typeof value === 'number') return String(value);
    if (isList(value)) return value.join(LIST_SEPARATOR[locale]);
    return render(locale, value);
  });
}

const isList = (value: ParamValue): value is readonly string[] => Array.isArray(value);

export const t = <K extends MessageKey>(locale: Locale, key: K, ...params: ParamsOf<K>): string => render(locale, msg(key, ...params));

// The schemas' keys must be in the catalogue and take no parameters (zod reports only the key): tsc checks both.
type Check<T extends true> = T;
export type ContractKeysCovered = Check<ContractMessageKey extends MessageKey ? true : false>;
export type ContractKeysNeedNoParams = Check<ParamsOf<ContractMessageKey & MessageKey> extends [] ? true : false>;
