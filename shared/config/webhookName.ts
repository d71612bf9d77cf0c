/** A webhook channel's name (`webhook:<name>`): letters, digits, spaces, dots, dashes, underscores. Zod-free, so the dashboard checks it without bundling the schema library. */
export const WEBHOOK_NAME_PATTERN = /^[A-Za-z0-9 _.-]+$/;
export const WEBHOOK_NAME_MESSAGE = 'A channel name is letters, digits, spaces, dots, dashes';
