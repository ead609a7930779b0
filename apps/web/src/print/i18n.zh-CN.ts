/** Printed documents (PDF): the approval sheet and the evidence report. */
export const printZhCN = {
  sheet: '打印审批单',
  sheetTooltip: '生成 A4 PDF 审批单（表单、明细、大写金额、各级审批意见与手写签名、核验二维码），下载将记入痕迹',
  report: '下载证据报告',
  reportTooltip: '生成 PDF 证据报告：通俗易懂的痕迹记录、每条记录的验证状态、签名检查点及离线核验方法，下载将记入痕迹',
};
