import { randomBytes, randomUUID } from 'node:crypto';
import { conflict, notFound } from '../errors.js';
import type { Collection } from '../storage/ports.js';
import { NO_ACCOUNT_HASH, type PasswordHasher, WorkerPasswordHasher } from './password-hasher.js';

export type Role = 'agent' | 'admin';

/** An agent or admin account. Only the bcrypt hash of the password is stored. */
export interface User {
  id: string;
  email: string;
  name: string;
  role: Role;
  passwordHash: string;
  disabled: boolean;
  createdAt: string;
}

export type PublicUser = Omit<User, 'passwordHash'>;

/** What a sign-in's e-mail and password come to: the account, or why not (a disabled account only with its right password). */
export type SignInCheck = { user: PublicUser; refused?: never } | { refused: 'invalid_credentials'; user?: never } | { refused: 'account_disabled'; userId: string; user?: never };

export const toPublicUser = ({ passwordHash: _hash, ...user }: User): PublicUser => user;

/** Accounts for the agent console and the admin pages. */
export class UserService {
  constructor(
    private readonly users: Collection<User>,
    private readonly clock: () => Date = () => new Date(),
    private readonly passwords: PasswordHasher = new WorkerPasswordHasher(),
  ) {}

  async create(input: { email: string; password: string; role: Role; name?: string }): Promise<PublicUser> {
    const email = input.email.trim().toLowerCase();
    if (await this.findByEmail(email)) throw conflict('email_taken', `an account for ${email} exists already`);
    const user: User = {
      id: randomUUID(),
      email,
      name: input.name?.trim() || email.split('@')[0]!,
      role: input.role,
      passwordHash: await this.passwords.hash(input.password),
      disabled: false,
      createdAt: this.clock().toISOString(),
    };
    await this.users.put(user);
    return toPublicUser(user);
  }

  async findByEmail(email: string): Promise<User | undefined> {
    const wanted = email.trim().toLowerCase();
    return (await this.users.all()).find((user) => user.email === wanted);
  }

  /**
   * The account for these credentials; takes as long either way. A disabled account is said to
   * be one only to whoever knows its password: to anyone else it is as wrong as an unknown one.
   */
  async authenticate(email: string, password: string): Promise<SignInCheck> {
    const user = await this.findByEmail(email);
    // Checked against a hash of the same cost for unknown e-mails, so the time does not reveal accounts.
    const ok = await this.passwords.compare(password, user?.passwordHash ?? NO_ACCOUNT_HASH);
    if (!user || !ok) return { refused: 'invalid_credentials' };
    return user.disabled ? { refused: 'account_disabled', userId: user.id } : { user: toPublicUser(user) };
  }

  /** The account with this id, or `undefined`. */
  async get(id: string): Promise<PublicUser | undefined> {
    const user = await this.users.get(id);
    return user ? toPublicUser(user) : undefined;
  }

  async list(): Promise<PublicUser[]> {
    return (await this.users.all()).map(toPublicUser);
  }

  /** Change an account's name, role or disabled flag. A disabled account's sessions stop at once. */
  async update(id: string, change: { name?: string; role?: Role; disabled?: boolean }): Promise<PublicUser> {
    const user = await this.users.get(id);
    if (!user) throw notFound('user');
    const updated: User = { ...user, ...(change.name !== undefined ? { name: change.name.trim() } : {}), ...(change.role ? { role: change.role } : {}), ...(change.disabled !== undefined ? { disabled: change.disabled } : {}) };
    await this.users.put(updated);
    return toPublicUser(updated);
  }

  async resetPassword(id: string, password: string): Promise<PublicUser> {
    const user = await this.users.get(id);
    if (!user) throw notFound('user');
    const updated: User = { ...user, passwordHash: await this.passwords.hash(password) };
    await this.users.put(updated);
    return toPublicUser(updated);
  }

  /**
   * On first start, create the first admin from the settings; without a password setting a
   * random one is generated and returned, to be shown once. Does nothing when accounts exist.
   */
  async ensureFirstAdmin(email: string | undefined, password: string | undefined): Promise<{ email: string; generatedPassword?: string } | undefined> {
    if ((await this.users.all()).length > 0) return undefined;
    const adminEmail = email ?? 'admin@parley.local';
    const generatedPassword = password ? undefined : randomBytes(12).toString('base64url');
    await this.create({ email: adminEmail, password: password ?? generatedPassword!, role: 'admin', name: 'Admin' });
    return { email: adminEmail, ...(generatedPassword ? { generatedPassword } : {}) };
  }
}

