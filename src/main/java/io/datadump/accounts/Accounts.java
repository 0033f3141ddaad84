package io.datadump.accounts;

import io.datadump.db.Jdbc;
import io.datadump.schema.Tenant;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Time;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * datadump's accounts: the tenants of the source that datadump knows of, each with its entitlement, schedule and
 * webhook. An account's id is its tenant's id in the source; its name and time zone are the tenant's, copied when it
 * is registered and refreshed by every dump. Listeners hear of entitlement and schedule changes (the scheduler and
 * the API's cache use that).
 */
public final class Accounts {
    private static final String COLUMNS = "id, name, datadump_enabled, time_zone, dump_time";

    /** The source's tenants, as far as the accounts need them. */
    public interface Tenants {
        Optional<Tenant> find(long id);

        /** Creates a tenant in the source (the built-in CRM only); returns its id. */
        long create(String name);
    }

    /** Where an account wants to hear of its published dumps, and the secret its events are signed with. */
    public record Webhook(String url, String secret) {}

    private final Jdbc jdbc;
    private final Tenants tenants;
    private final ZoneId defaultZone;
    private final List<Consumer<Account>> changeListeners = new CopyOnWriteArrayList<>();

    public Accounts(Jdbc jdbc, Tenants tenants, ZoneId defaultZone) {
        this.jdbc = jdbc;
        this.tenants = tenants;
        this.defaultZone = defaultZone;
    }

    public void onChange(Consumer<Account> listener) {
        changeListeners.add(listener);
    }

    /** Creates a tenant in the built-in CRM and its account. */
    public Account create(String name, boolean datadump) {
        if (name == null || name.isBlank()) throw new IllegalArgumentException("an account needs a name");
        long id = tenants.create(name.strip());
        Account account = register(tenants.find(id).orElseThrow(), datadump);
        if (datadump) changed(account);
        return account;
    }

    /** The account of a tenant of the source, registered (without the entitlement) if datadump did not know it yet. */
    public Account ofTenant(long id) {
        return find(id).orElseGet(
                        () -> register(tenants.find(id).orElseThrow(() -> new AccountNotFoundException(id)), false));
    }

    private Account register(Tenant tenant, boolean datadump) {
        jdbc.update(
                "INSERT INTO accounts (id, name, time_zone, datadump_enabled) VALUES (?, ?, ?, ?)"
                        + " ON CONFLICT (id) DO NOTHING",
                tenant.id(),
                tenant.name(),
                tenant.timeZone().orElse(defaultZone).getId(),
                datadump);
        return get(tenant.id());
    }

    /** Takes over the tenant's name, and its time zone where the source has one. */
    public void refresh(Account account, Tenant tenant) {
        ZoneId zone = tenant.timeZone().orElse(account.timeZone());
        if (tenant.name().equals(account.name()) && zone.equals(account.timeZone())) return;
        jdbc.update(
                "UPDATE accounts SET name = ?, time_zone = ?, updated_at = now() AT TIME ZONE 'UTC' WHERE id = ?",
                tenant.name(),
                zone.getId(),
                account.id());
        if (!zone.equals(account.timeZone())) changed(get(account.id()));
    }

    public Optional<Account> find(long id) {
        return jdbc.queryFirst("SELECT " + COLUMNS + " FROM accounts WHERE id = ?", Accounts::map, id);
    }

    public Account get(long id) {
        return find(id).orElseThrow(() -> new AccountNotFoundException(id));
    }

    public List<Account> list() {
        return jdbc.query("SELECT " + COLUMNS + " FROM accounts ORDER BY id", Accounts::map);
    }

    public List<Account> listEnabled() {
        return jdbc.query("SELECT " + COLUMNS + " FROM accounts WHERE datadump_enabled ORDER BY id", Accounts::map);
    }

    public Account setDatadumpEnabled(long id, boolean enabled) {
        if (enabled) ofTenant(id);
        updateExisting(
                id,
                "UPDATE accounts SET datadump_enabled = ?, updated_at = now() AT TIME ZONE 'UTC' WHERE id = ?",
                enabled,
                id);
        return changed(get(id));
    }

    /** Sets the account's local dump time and zone; a null time falls back to the global default. */
    public Account setSchedule(long id, LocalTime time, ZoneId zone) {
        updateExisting(
                id,
                "UPDATE accounts SET dump_time = ?, time_zone = ?, updated_at = now() AT TIME ZONE 'UTC' WHERE id = ?",
                time,
                zone.getId(),
                id);
        return changed(get(id));
    }

    /** The account's registered webhook, if it has one. */
    public Optional<Webhook> webhook(long id) {
        return jdbc.queryFirst(
                "SELECT webhook_url, webhook_secret FROM accounts WHERE id = ? AND webhook_url IS NOT NULL",
                rs -> new Webhook(rs.getString(1), rs.getString(2)),
                id);
    }

    /** Registers a webhook, or with an empty one removes it. */
    public void setWebhook(long id, Optional<Webhook> webhook) {
        updateExisting(
                id,
                "UPDATE accounts SET webhook_url = ?, webhook_secret = ? WHERE id = ?",
                webhook.map(Webhook::url),
                webhook.map(Webhook::secret),
                id);
    }

    private void updateExisting(long id, String sql, Object... params) {
        if (jdbc.update(sql, params) == 0) throw new AccountNotFoundException(id);
    }

    private Account changed(Account account) {
        changeListeners.forEach(l -> l.accept(account));
        return account;
    }

    private static Account map(ResultSet rs) throws SQLException {
        Time t = rs.getTime(5);
        return new Account(
                rs.getLong(1),
                rs.getString(2),
                rs.getBoolean(3),
                ZoneId.of(rs.getString(4)),
                Optional.ofNullable(t).map(Time::toLocalTime));
    }
}
