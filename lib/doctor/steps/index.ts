/*
 * The doctor's steps, in the order a partner's client meets them. Each is one file: a function of the
 * props and of what earlier steps found.
 */
import { DoctorStep } from '../types';
import { step as authTls } from './auth-tls';
import { step as banner } from './banner';
import { step as certificate } from './certificate';
import { step as dns } from './dns';
import { step as epsv } from './epsv';
import { step as login } from './login';
import { step as pasvAddress } from './pasv-address';
import { step as passiveRange } from './passive-range';
import { step as roundTrip } from './round-trip';
import { step as tcp } from './tcp';
import { step as tlsReuse } from './tls-reuse';

export const STEPS: readonly DoctorStep[] = [
  dns,
  tcp,
  banner,
  authTls,
  certificate,
  login,
  pasvAddress,
  passiveRange,
  epsv,
  tlsReuse,
  roundTrip,
];
