import type { NextConfig } from 'next';

const nextConfig: NextConfig = {
  // The security headers (CSP with a per-request nonce) are set in src/proxy.ts.
  poweredByHeader: false,
  reactStrictMode: true,
  // The monorepo root holds the lockfile; say so rather than let Next guess.
  turbopack: { root: new URL('../..', import.meta.url).pathname },
  outputFileTracingRoot: new URL('../..', import.meta.url).pathname,
};

export default nextConfig;
