import { join } from 'node:path';
import { isMap, parseDocument } from 'yaml';
import {
  SETTINGS_SECTIONS,
  defaultSettings,
  settingsPatchSchema,
  type ConfigProblem,
  type Settings,
  type SettingsPatch,
  type SettingsSection,
} from '../../../shared/config/settingsSchema';
import { documentToData, readConfigDocument } from './configDocument';
import { ConfigWriteError, writeConfigText } from './configWrite';

export { ConfigWriteError } from './configWrite';

export const CONFIG_FILE_NAME = 'config.yaml';

export function configPathIn(dataDir: string): string {
  return join(dataDir, CONFIG_FILE_NAME);
}

export interface LoadedConfig {
  settings: Settings;
  problems: ConfigProblem[];
}

const SECTION_NAMES = Object.keys(SETTINGS_SECTIONS) as SettingsSection[];

/**
 * Validates a parsed config object section by section: a bad section falls back to its
 * defaults and each problem names the field; the good sections still apply.
 */
export function settingsFromObject(raw: unknown): LoadedConfig {
  const settings = defaultSettings();
  const problems: ConfigProblem[] = [];
  if (raw === null || raw === undefined) return { settings, problems };
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    return { settings, problems: [{ path: '(file)', message: 'The config must be a mapping of sections (monitoring, docker, …); using defaults.' }] };
  }
  const record = raw as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    if (!SECTION_NAMES.includes(key as SettingsSection)) {
      problems.push({ path: key, message: `Unknown section "${key}" (known: ${SECTION_NAMES.join(', ')}); ignored.` });
    }
  }
  for (const section of SECTION_NAMES) {
    if (record[section] === undefined || record[section] === null) continue;
    const parsed = SETTINGS_SECTIONS[section].safeParse(record[section]);
    if (parsed.success) {
      (settings as unknown as Record<string, unknown>)[section] = parsed.data;
    } else {
      for (const issue of parsed.error.issues) {
        const path = [section, ...issue.path.map(String)].join('.');
        const keys = 'keys' in issue && Array.isArray(issue.keys) ? ` (${issue.keys.join(', ')})` : '';
        problems.push({ path, message: `${issue.message}${keys}; the "${section}" section uses its defaults.` });
      }
    }
  }
  return { settings, problems };
}

/** Never throws: a config that cannot be read gives its problems (with a line where there is one) and defaults. */
export function loadConfigFile(path: string): LoadedConfig {
  const { doc, value, problems } = readConfigDocument(path);
  if (!doc) return { settings: defaultSettings(), problems };
  return settingsFromObject(value);
}

/**
 * Applies a patch to the config file, keeping the operator's comments and other fields.
 * A file that does not parse is never overwritten: the operator's text would be lost.
 */
export function updateConfigFile(path: string, patch: SettingsPatch): LoadedConfig {
  const validPatch = settingsPatchSchema.parse(patch);
  const { doc: existing, problems, exists } = readConfigDocument(path);
  if (!existing && exists) {
    throw new ConfigWriteError(`Not saving: ${path} cannot be used (${problems[0]?.message ?? 'unknown error'}). Fix or remove it first.`);
  }
  const doc = existing ?? parseDocument('# Opsbar settings. Every field is optional; see README.md.\n{}\n');
  if (!isMap(doc.contents)) throw new ConfigWriteError(`Not saving: ${path} is not a mapping of sections.`);
  // A new file is written in block style (`docker:\n  enabled: true`), not as the seed's one-line `{}`.
  if (!existing) doc.contents.flow = false;
  // The operator's own values are written (`for: 2m`), not the parsed ones (120000 ms would read back as seconds).
  const written = patch as Record<string, Record<string, unknown> | undefined>;
  for (const [section, fields] of Object.entries(validPatch)) {
    for (const key of Object.keys(fields ?? {})) {
      const value = written[section]?.[key];
      if (value !== undefined) doc.setIn([section, key], value);
    }
  }
  const data = documentToData(doc);
  if (!data.ok) throw new ConfigWriteError(`Not saving: ${path} cannot be read back (${data.reason}).`);
  const next = settingsFromObject(data.value);
  const badInPatch = next.problems.filter((p) => Object.keys(validPatch).some((s) => p.path.startsWith(`${s}.`)));
  if (badInPatch.length > 0) throw new ConfigWriteError(`Not saving: ${badInPatch.map((p) => `${p.path}: ${p.message}`).join('; ')}`);
  writeConfigText(path, doc.toString());
  return next;
}
