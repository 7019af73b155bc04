/**
 * The command name the user typed, for help and messages: `jamfmcp-doctor` (the package's own name:
 * npx, the binary) or `jamfmcp` (the short name, which JamfMCP 1.0.1's own setup CLI also uses:
 * whichever comes first on PATH wins). Read from how the process was started.
 */
export function cliName(argv1: string = process.argv[1] ?? ''): 'jamfmcp-doctor' | 'jamfmcp' {
  // Also a renamed binary (jamfmcp-doctor-arm64, jamfmcp-doctor.exe).
  const base = argv1.split(/[\\/]/).pop() ?? '';
  return /^jamfmcp-doctor([-_.][\w.-]*)?$/i.test(base) ? 'jamfmcp-doctor' : 'jamfmcp';
}
