import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { autostartDir, createXdgAutostart, execLine, quoteExecArgument } from '../../../electron/core/startAtLogin/xdgAutostart';
import { tempDir } from '../../support/tempDir';

describe('XDG autostart entry (Linux start at login)', () => {
  test('enable writes $XDG_CONFIG_HOME/autostart/opsbar.desktop; disable removes it; enabled is read back', () => {
    const configHome = tempDir('opsbar-xdg-');
    const autostart = createXdgAutostart({ command: ['/opt/Opsbar/opsbar-app'], env: { XDG_CONFIG_HOME: configHome } });
    assert.equal(autostart.file, join(configHome, 'autostart', 'opsbar.desktop'));
    assert.equal(autostart.isEnabled(), false);
    autostart.enable();
    const text = readFileSync(autostart.file, 'utf8');
    assert.match(text, /^\[Desktop Entry\]\n/);
    for (const line of ['Type=Application', 'Name=Opsbar', 'Exec=/opt/Opsbar/opsbar-app', 'Hidden=false', 'X-GNOME-Autostart-enabled=true']) {
      assert.ok(text.split('\n').includes(line), line);
    }
    assert.equal(autostart.isEnabled(), true);
    autostart.disable();
    assert.equal(existsSync(autostart.file), false);
    assert.equal(autostart.isEnabled(), false);
    autostart.disable();
  });

  test('an entry switched off in the desktop settings (Hidden=true or GNOME disabled) reads as off', () => {
    const configHome = tempDir('opsbar-xdg-');
    const autostart = createXdgAutostart({ command: ['/x'], env: { XDG_CONFIG_HOME: configHome } });
    mkdirSync(join(configHome, 'autostart'));
    writeFileSync(autostart.file, '[Desktop Entry]\nExec=/x\nX-GNOME-Autostart-enabled=false\n');
    assert.equal(autostart.isEnabled(), false);
    writeFileSync(autostart.file, '[Desktop Entry]\nExec=/x\nHidden=true\n');
    assert.equal(autostart.isEnabled(), false);
  });

  test('without XDG_CONFIG_HOME (or with a relative one) the folder is ~/.config/autostart', () => {
    assert.equal(autostartDir({}, '/home/op'), '/home/op/.config/autostart');
    assert.equal(autostartDir({ XDG_CONFIG_HOME: 'relative' }, '/home/op'), '/home/op/.config/autostart');
    const home = tempDir('opsbar-home-');
    const autostart = createXdgAutostart({ command: ['/x'], env: {}, home });
    autostart.enable();
    assert.ok(existsSync(join(home, '.config', 'autostart', 'opsbar.desktop')));
  });

  test('Exec quotes paths with spaces and reserved characters as the Desktop Entry spec says', () => {
    assert.equal(quoteExecArgument('/opt/Opsbar/opsbar-app'), '/opt/Opsbar/opsbar-app');
    assert.equal(quoteExecArgument('/home/op/My Apps/Opsbar.AppImage'), '"/home/op/My Apps/Opsbar.AppImage"');
    assert.equal(quoteExecArgument('/a/$HOME`x`"q"'), '"/a/\\$HOME\\`x\\`\\"q\\""');
    assert.equal(quoteExecArgument('/a/100%'), '/a/100%%');
    // The string-value escape doubles each backslash of the quoting.
    assert.equal(execLine(['/home/op/My Apps/electron', '/src/it"s']), '"/home/op/My Apps/electron" "/src/it\\\\"s"');
    assert.throws(() => quoteExecArgument('/a\nb'), /line break/);
    assert.throws(() => execLine([]), /program/);
  });

  test('a path with spaces round-trips through the written file', () => {
    const configHome = tempDir('opsbar xdg with spaces-');
    const app = join(configHome, 'My Apps', 'Opsbar.AppImage');
    const autostart = createXdgAutostart({ command: [app], env: { XDG_CONFIG_HOME: configHome } });
    autostart.enable();
    assert.ok(readFileSync(autostart.file, 'utf8').includes(`Exec="${app}"\n`));
  });
});
