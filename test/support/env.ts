// Which optional test back-ends are enabled; set by scripts/test.ts after probing the machine.
export const pgTestUrl = process.env.POS_TEST_PG_URL || undefined;
export const chromiumEnabled = process.env.POS_TEST_CHROMIUM === '1';
