import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { cliName } from '../../src/cli/name.js';

describe('cliName: the name the user typed', () => {
  it('jamfmcp-doctor under its own name, wherever it lives, renamed binaries included', () => {
    for (const argv1 of ['/usr/local/bin/jamfmcp-doctor', '/x/node_modules/.bin/jamfmcp-doctor', 'C:\\npm\\jamfmcp-doctor.exe', '/opt/jamfmcp-doctor-arm64', '/opt/JAMFMCP-DOCTOR', '/x/jamfmcp-doctor.cjs']) {
      assert.equal(cliName(argv1), 'jamfmcp-doctor', argv1);
    }
  });

  it('jamfmcp for the short name, the checkout script and anything else', () => {
    for (const argv1 of ['/usr/local/bin/jamfmcp', '/work/bin/jamfmcp.js', '/work/dist/jamfmcp.cjs', '', '/x/jamfmcp-doctorx', '/x/my-jamfmcp-doctor']) {
      assert.equal(cliName(argv1), 'jamfmcp', argv1);
    }
  });
});
