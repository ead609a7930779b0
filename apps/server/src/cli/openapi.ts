import type { Config } from '../config.ts';
import { openApiDocument } from '../http/openapi.ts';

export async function openapiCommand(config: Config): Promise<number> {
  process.stdout.write(`${JSON.stringify(await openApiDocument(config), null, 2)}\n`);
  return 0;
}
