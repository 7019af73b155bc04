/**
 * The model of JamfMCP as it will run, the one module every check asks: the profile of the
 * version in use, and what that version makes of the target's settings.
 */
import type { Target } from '../config/target.js';
import { profile, type Profile } from './profiles.js';
import { startJamfmcp, type SettingValues, type Startup } from './settings.js';

export interface JamfmcpView {
  profile: Profile;
  /** What JamfAuth makes of the settings: the auth type, the server string, or the start-up error. */
  startup: Startup;
  /** The settings as JamfMCP receives them (flags and prompts stand in for the environment). */
  values: SettingValues;
  /** "JamfMCP 1.0.2" */
  label: string;
}

const views = new WeakMap<Target, JamfmcpView>();

export function jamfmcpOf(target: Target): JamfmcpView {
  let view = views.get(target);
  if (!view) {
    const p = profile(target.jamfmcp.profile);
    const values: SettingValues = {};
    for (const name of ['url', 'authType', 'username', 'password', 'clientId', 'clientSecret'] as const) {
      const value = target.values[name]?.value;
      if (value !== undefined) values[name] = value;
    }
    view = { profile: p, startup: startJamfmcp(p, values), values, label: `JamfMCP ${p.version}` };
    views.set(target, view);
  }
  return view;
}

export type { Profile } from './profiles.js';
