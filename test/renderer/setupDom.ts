// Component tests import this first: a browser-like global DOM, then Testing Library set up for it.
import './domGlobals';
import { configure } from '@testing-library/react';
import { HANG_GUARD_MS } from '../support/eventually';

// waitFor and findBy* return as soon as their condition holds; their timeout only ends a hung
// test. Testing Library's 1 s default failed tests on a loaded CI machine.
configure({ asyncUtilTimeout: HANG_GUARD_MS });
