/** What is filled into the gateway's body template (SMS_GATEWAY_BODY). */
export interface GatewayFields {
  from: string;
  to: string;
  text: string;
  id: string;
}

/**
 * The request body for the SMS gateway: the configured JSON with {from}, {to}, {text} and {id} filled
 * into its string values. Filling the parsed values (not the raw text) keeps quotes and newlines in
 * the message from breaking the JSON.
 */
export function gatewayBody(template: string, fields: GatewayFields): string {
  const fill = (value: unknown): unknown => {
    if (typeof value === 'string')
      return value.replace(/\{(from|to|text|id)\}/g, (_, name: keyof GatewayFields) => fields[name]);
    if (Array.isArray(value)) return value.map(fill);
    if (value && typeof value === 'object')
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, fill(v)]));
    return value;
  };
  return JSON.stringify(fill(JSON.parse(template)));
}
