/**
 * A notification's link is a path of this web app (/applications/<id>). Anything else — another origin, a
 * protocol-relative //host, javascript: — is not followed, whatever the server stored.
 */
export const appPath = (link: string | null): string | null => (link !== null && /^\/(?![/\\])/.test(link) ? link : null);
