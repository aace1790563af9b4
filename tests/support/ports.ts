// Default ports of the test runs. They sit below Linux's ephemeral range (32768–60999,
// /proc/sys/net/ipv4/ip_local_port_range): a fixed listening port inside it can already be held as the local end
// of some outgoing connection, and the run then fails with EADDRINUSE by bad luck. Parallel runs move them with
// VTAX_TEST_PORT_BASE (vitest: API = base, DB = base + 1, private stand-ins of single tests at base + 40 and + 50)
// and E2E_PORT / E2E_API_PORT (Playwright: the app, and the stand-in with its DB on API + 1).
export const TEST_PORT_BASE = Number(process.env.VTAX_TEST_PORT_BASE ?? 24331);
export const E2E_PORT = Number(process.env.E2E_PORT ?? 24173);
export const E2E_API_PORT = Number(process.env.E2E_API_PORT ?? 24441);
