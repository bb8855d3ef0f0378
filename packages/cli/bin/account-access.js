#!/usr/bin/env node
// The `account-access` command; the code lives in the built dist/main.js (`npm run build`).
import '../dist/main.js';
