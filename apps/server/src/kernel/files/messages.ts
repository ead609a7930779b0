/** Messages of the files area (K9) and of numbering (K10), merged into the catalogue by kernel/messages-areas.ts. */
import type { Locale } from '../messages.ts';

export const FILES_MESSAGES = {
  'noun.file': { 'zh-CN': '附件', 'en-US': 'file' },
  'noun.issued_number': { 'zh-CN': '编号', 'en-US': 'number' },

  'files.send_multipart': {
    'zh-CN': '请以 multipart/form-data 格式上传文件，字段名为 "file"',
    'en-US': 'send the file as multipart/form-data in the field "file"',
  },
  'files.send_file_field': { 'zh-CN': '请在 multipart 字段 "file" 中上传一个文件', 'en-US': 'send one file in the multipart field "file"' },
  'files.too_large': { 'zh-CN': '文件超过大小上限 {limit}', 'en-US': 'the file is larger than the limit of {limit}' },
  'files.empty': { 'zh-CN': '文件是空的', 'en-US': 'the file is empty' },
  'files.name_missing': { 'zh-CN': '文件没有名称', 'en-US': 'the file has no name' },
  'files.name_too_long': { 'zh-CN': '文件名不能超过 {max} 个字符', 'en-US': 'the file name must be at most {max} characters' },
  'files.name_control_characters': {
    'zh-CN': '文件名含有控制字符或不可见的方向控制符',
    'en-US': 'the file name contains control characters or invisible direction marks',
  },
  'files.name_path': { 'zh-CN': '文件名不能含有路径分隔符（/ 或 \\）', 'en-US': 'the file name must not contain a path separator (/ or \\)' },
  'files.type_not_allowed': {
    'zh-CN': '不支持 {extension} 类型的文件；允许的类型：{allowed}',
    'en-US': '{extension} files are not accepted; allowed types: {allowed}',
  },
  'files.content_mismatch': {
    'zh-CN': '文件内容与扩展名 {extension} 不符，可能是改了扩展名的其他类型文件',
    'en-US': 'the content is not a {extension} file; it may be another kind of file renamed',
  },
  'files.system_cannot_upload': { 'zh-CN': '只有用户才能上传附件', 'en-US': 'only a user can upload files' },
  'files.not_available': {
    'zh-CN': '附件 {id} 不存在，或不是由你上传的',
    'en-US': 'file {id} does not exist or was not uploaded by you',
  },
  'files.attached_elsewhere': {
    'zh-CN': '附件“{name}”已关联到其他记录，不能重复使用',
    'en-US': 'the file "{name}" is already attached to another record',
  },

  'numbering.rule_empty': { 'zh-CN': '编号规则不能为空', 'en-US': 'the numbering rule is empty' },
  'numbering.rule_too_long': { 'zh-CN': '编号规则不能超过 {max} 个字符', 'en-US': 'the numbering rule must be at most {max} characters' },
  'numbering.rule_unclosed': {
    'zh-CN': '编号规则第 {position} 个字符处的左花括号没有闭合',
    'en-US': 'the opening brace at character {position} of the numbering rule is never closed',
  },
  'numbering.rule_stray_brace': {
    'zh-CN': '编号规则第 {position} 个字符处有多余的右花括号',
    'en-US': 'stray closing brace at character {position} of the numbering rule',
  },
  'numbering.rule_unknown_placeholder': {
    'zh-CN': '编号规则中的占位符 {placeholder} 无法识别；可用的占位符：{known}',
    'en-US': 'unknown placeholder {placeholder} in the numbering rule; known placeholders: {known}',
  },
  'numbering.rule_seq_width': {
    'zh-CN': '流水号位数须为 1 到 {max}，规则中为 {placeholder}',
    'en-US': 'the sequence width must be 1 to {max}; the rule has {placeholder}',
  },
  'numbering.rule_no_seq': { 'zh-CN': '编号规则必须含有一个流水号占位符 {example}', 'en-US': 'the numbering rule needs one sequence placeholder {example}' },
  'numbering.rule_two_seq': { 'zh-CN': '编号规则只能含有一个流水号占位符', 'en-US': 'the numbering rule may contain only one sequence placeholder' },
  'numbering.rule_control_characters': { 'zh-CN': '编号规则不能含有控制字符', 'en-US': 'the numbering rule must not contain control characters' },
  'numbering.value_missing': {
    'zh-CN': '编号规则使用了 {placeholder}，但没有提供它的值',
    'en-US': 'the numbering rule uses {placeholder} but no value was given for it',
  },
  'numbering.value_invalid': {
    'zh-CN': '{placeholder} 的值不能为空，且不能含有花括号或控制字符',
    'en-US': 'the value of {placeholder} must not be empty or contain braces or control characters',
  },
  'numbering.already_voided': { 'zh-CN': '编号 {number} 已于此前作废', 'en-US': 'number {number} has already been voided' },
  'numbering.void_reason': { 'zh-CN': '请填写作废原因', 'en-US': 'give a reason for voiding the number' },
} as const satisfies Record<string, Record<Locale, string>>;
