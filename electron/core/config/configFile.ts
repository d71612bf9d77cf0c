import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { isMap, parseDocument, type Document } from 'yaml';
import {
  SETTINGS_SECTIONS,
  defaultSettings,
  settingsPatchSchema,
  type ConfigProblem,
  type Settings,
  type SettingsPatch,
  type SettingsSection,
} from '../../../shared/config/settingsSchema';

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

function readDocument(path: string): { doc: Document | null; problems: ConfigProblem[]; text: string | null } {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { doc: null, problems: [], text: null };
    return { doc: null, problems: [{ path: '(file)', message: `Cannot read ${path}: ${(error as Error).message}; using defaults.` }], text: null };
  }
  const doc = parseDocument(text, { prettyErrors: true, uniqueKeys: true });
  if (doc.errors.length > 0) {
    const problems = doc.errors.slice(0, 5).map((e) => ({
      path: '(file)',
      message: `YAML error${e.linePos ? ` at line ${e.linePos[0].line}, column ${e.linePos[0].col}` : ''}: ${e.message.split('\n')[0]}; using defaults.`,
    }));
    return { doc: null, problems, text };
  }
  return { doc, problems: [], text };
}

export function loadConfigFile(path: string): LoadedConfig {
  const { doc, problems } = readDocument(path);
  if (!doc) return { settings: defaultSettings(), problems };
  return settingsFromObject(doc.toJS());
}

export class ConfigWriteError extends Error {}

/**
 * Applies a patch to the config file, keeping the operator's comments and other fields.
 * A file that does not parse is never overwritten: the operator's text would be lost.
 */
export function updateConfigFile(path: string, patch: SettingsPatch): LoadedConfig {
  const validPatch = settingsPatchSchema.parse(patch);
  const { doc: existing, problems, text } = readDocument(path);
  if (!existing && text !== null) {
    throw new ConfigWriteError(`Not saving: ${path} does not parse (${problems[0]?.message ?? 'unknown error'}). Fix or remove it first.`);
  }
  const doc = existing ?? parseDocument('# Opsbar settings. Every field is optional; see README.md.\n{}\n');
  if (!isMap(doc.contents)) throw new ConfigWriteError(`Not saving: ${path} is not a mapping of sections.`);
  for (const [section, fields] of Object.entries(validPatch)) {
    for (const [key, value] of Object.entries(fields ?? {})) {
      if (value !== undefined) doc.setIn([section, key], value);
    }
  }
  const next = settingsFromObject(doc.toJS());
  const badInPatch = next.problems.filter((p) => Object.keys(validPatch).some((s) => p.path.startsWith(`${s}.`)));
  if (badInPatch.length > 0) throw new ConfigWriteError(`Not saving: ${badInPatch.map((p) => `${p.path}: ${p.message}`).join('; ')}`);
  mkdirSync(dirname(path), { recursive: true });
  const temp = `${path}.${process.pid}.tmp`;
  writeFileSync(temp, doc.toString(), { mode: 0o600 });
  renameSync(temp, path);
  return next;
}
