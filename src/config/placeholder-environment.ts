/**
 * Placeholders for the variables the configuration requires, for tools that assemble the application
 * without connecting to anything (the OpenAPI export builds it in Nest's preview mode, which creates no
 * providers). A variable already set keeps its value.
 */
export function usePlaceholderEnvironment(): void {
  const placeholders: Record<string, string> = {
    DATABASE_URL: 'postgres://placeholder.invalid/unused',
    REDIS_URL: 'redis://placeholder.invalid',
    JWT_SECRET: 'placeholder-secret-used-by-no-running-service',
    PAYMENT_CALLBACK_SECRET: 'placeholder-secret-unused',
    LOG_LEVEL: 'silent',
  };
  for (const [key, value] of Object.entries(placeholders)) process.env[key] ??= value;
}
