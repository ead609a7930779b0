/** Messages of system settings, merged into the catalogue by kernel/messages-areas.ts. */
export const SETTINGS_MESSAGES = {
  'noun.system_setting': { 'zh-CN': '系统设置', 'en-US': 'system setting' },
  'settings.logo_not_image': {
    'zh-CN': '标志须为 PNG、JPEG、GIF 或 WebP 图片',
    'en-US': 'the logo must be a PNG, JPEG, GIF or WebP image',
  },
  'settings.logo_not_yours': {
    'zh-CN': '只能使用您自己上传且尚未用于其他记录的文件作为标志',
    'en-US': 'the logo must be a file you uploaded that is not attached to another record',
  },
} as const;
