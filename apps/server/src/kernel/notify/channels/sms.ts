/**
 * SMS (短信) behind one interface, so a vendor (Aliyun, Tencent Cloud …) can be added as another implementation. The
 * built-in provider is a generic HTTP JSON endpoint — typically a small gateway in front of the vendor's API.
 */
import type { SmsConfig } from '../schema.ts';
import { postJson } from './http.ts';

export interface SmsProvider {
  /** Resolves once the provider has accepted the message; throws with a readable reason otherwise. */
  send(phone: string, text: string): Promise<void>;
}

/** POST {phone, text} with `Authorization: Bearer <token>`; any 2xx is acceptance. */
export class HttpJsonSmsProvider implements SmsProvider {
  constructor(private readonly config: SmsConfig) {}

  async send(phone: string, text: string): Promise<void> {
    const headers: Record<string, string> = this.config.token ? { authorization: `Bearer ${this.config.token}` } : {};
    const { status } = await postJson(this.config.url, { phone, text }, headers);
    if (status < 200 || status >= 300) throw new Error(`the SMS provider answered HTTP ${status}`);
  }
}

export const smsProviderFor = (config: SmsConfig): SmsProvider => new HttpJsonSmsProvider(config);
