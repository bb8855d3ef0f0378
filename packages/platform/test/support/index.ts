export { FakeClock } from './clock.js';
export { testDatabase } from './database.js';
export { basic, bearer, get, postForm, postJson, type Response } from './http.js';
export { startTestPlatform, TEST_SERVER_SECRET, type TestPlatform } from './platform.js';
