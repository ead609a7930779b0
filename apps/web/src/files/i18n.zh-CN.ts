/** Strings of the files area (K9), under the top-level key `files`. Wording follows the policies: 附件, 痕迹. */
export const filesZhCN = {
  nav: '我的附件',
  page: {
    title: '我的附件',
    description: '你上传的全部文件。每个文件的 SHA-256 都记录在痕迹中，可据此核对下载的文件是否与上传时一致。',
    empty: '你还没有上传过文件',
  },
  column: {
    name: '文件名',
    size: '大小',
    type: '类型',
    sha256: 'SHA-256',
    uploadedAt: '上传时间',
    state: '状态',
  },
  state: {
    attached: '已关联',
    unattached: '未关联',
    hidden: '已关联（无权查看）',
  },
  attachedTo: '关联到：{{subject}}',
  download: '下载',
  copySha: '复制完整 SHA-256',
  copiedSha: '已复制 SHA-256',
  shaTitle: 'SHA-256：{{sha256}}',
  upload: {
    button: '上传附件',
    hint: '单个文件不超过 {{limit}}；支持 {{types}}',
    uploading: '正在上传',
    failed: '“{{name}}”未能上传：{{reason}}',
    tooLarge: '文件超过大小上限 {{limit}}',
    typeNotAllowed: '不支持此类文件',
    remove: '移除',
    unreadable: '无法读取此文件',
    dismiss: '关闭提示',
  },
  list: {
    empty: '无附件',
  },
};
