/** 中文: sign-in through identity providers (单点登录, 钉钉 / 企业微信 / 飞书). */
export const ssoZhCN = {
  or: '或',
  oidc: '使用单点登录',
  dingtalk: '使用钉钉登录',
  wecom: '使用企业微信登录',
  feishu: '使用飞书登录',
  errors: {
    unknown_user: '该账号未对应到 Henji 中的任何在职用户，请联系管理员在用户资料中登记相同的邮箱、用户名或手机号。Henji 不会为未登记的账号自动开户。',
    ambiguous: '该账号对应到多名用户，无法确定是谁，请联系管理员处理重复的邮箱或手机号。',
    inactive: '对应的用户已停用或离职，无法登录。',
    locked: '账户因多次登录失败已锁定，请稍后再试或联系管理员。',
    state: '登录请求已失效或并非由本浏览器发起，请重新点击登录。',
    nonce: '身份令牌与本次登录不符，已拒绝，请重新登录。',
    issuer: '身份令牌并非来自已配置的身份提供方，已拒绝。',
    token: '身份令牌无效或已过期，请重新登录。',
    provider_error: '身份提供方拒绝了登录或登录已取消。',
    unverified_email: '身份提供方未验证该邮箱，无法据此登录。',
    unavailable: '暂时无法连接身份提供方，请稍后再试。',
    rate_limited: '登录尝试过于频繁，请稍后再试。',
    unknown: '单点登录失败，请重试或使用密码登录。',
  },
};
