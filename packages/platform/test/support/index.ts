// The platform's test helpers are built with the package (its `./testing` entry point); the tests take them here.
export * from '../../src/testing/index.js';
