import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { ConfigError, loadConfig } from '../../server/config.ts';

describe('configuration', () => {
  test('an empty environment gives the embedded defaults', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      port: 8080,
      host: '127.0.0.1',
      dataDir: path.resolve('data'),
      databaseUrl: undefined,
      tls: undefined,
      defaultClinic: 'dr-kim',
    });
  });

  test('a postgres URL selects PostgreSQL and TLS files go together', () => {
    const config = loadConfig({
      DATABASE_URL: 'postgres://pawtal@db.internal/pawtal',
      TLS_CERT_FILE: 'cert.pem',
      TLS_KEY_FILE: 'key.pem',
      PUBLIC_URL: 'https://vets.example/some/path',
    });
    expect(config.databaseUrl).toBe('postgres://pawtal@db.internal/pawtal');
    expect(config.tls).toEqual({
      certFile: path.resolve('cert.pem'),
      keyFile: path.resolve('key.pem'),
    });
    expect(config.publicUrl).toBe('https://vets.example');
  });

  test('bad values stop the boot with the list of every problem', () => {
    let error: unknown;
    try {
      loadConfig({
        PORT: 'eighty',
        DATABASE_URL: 'mysql://nope',
        TLS_CERT_FILE: 'cert.pem',
        PUBLIC_URL: 'ftp://x',
      });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems.join('\n');
    expect(problems).toMatch(/^PORT: /m);
    expect(problems).toMatch(/^DATABASE_URL: .*postgres/m);
    expect(problems).toMatch(/^TLS_KEY_FILE: .*together/m);
    expect(problems).toMatch(/^PUBLIC_URL: /m);
    expect((error as ConfigError).message).toMatch(/^The configuration is not valid:/);
  });
});
