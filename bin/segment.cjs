#!/usr/bin/env node
// The `segment` command: the bundled CLI (built by `npm run build`).
require('../out/cli/main.cjs');
