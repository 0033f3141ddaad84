package io.datadump.accounts;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Time;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/** Reads and changes accounts. Listeners hear of entitlement and schedule changes (the scheduler uses that). */
public final class Accounts {
    private final DataSource dataSource;
    private final List<Consumer<Account>> changeListeners = new CopyOnWriteArrayList<>();

    public Accounts(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public void onChange(Consumer<Account> listener) {
        changeListeners.add(listener);
    }

    public Account create(String name, boolean datadump) {
        if (name == null || name.isBlank()) throw new IllegalArgumentException("an account needs a name");
        long id = update("INSERT INTO accounts (name, datadump_enabled) VALUES (?, ?) RETURNING id", 0, ps -> {
            ps.setString(1, name.strip());
            ps.setBoolean(2, datadump);
        });
        Account account = get(id);
        if (datadump) changeListeners.forEach(l -> l.accept(account));
        return account;
    }

    public Optional<Account> find(long id) {
        return query("SELECT id, name, datadump_enabled, time_zone, dump_time FROM accounts WHERE id = ?",
                ps -> ps.setLong(1, id)).stream().findFirst();
    }

    public Account get(long id) {
        return find(id).orElseThrow(() -> new AccountNotFoundException(id));
    }

    public List<Account> list() {
        return query("SELECT id, name, datadump_enabled, time_zone, dump_time FROM accounts ORDER BY id", ps -> { });
    }

    public List<Account> listEnabled() {
        return query("SELECT id, name, datadump_enabled, time_zone, dump_time FROM accounts WHERE datadump_enabled ORDER BY id", ps -> { });
    }

    public Account setDatadumpEnabled(long id, boolean enabled) {
        update("UPDATE accounts SET datadump_enabled = ?, updated_at = now() AT TIME ZONE 'UTC' WHERE id = ? RETURNING id", id, ps -> {
            ps.setBoolean(1, enabled);
            ps.setLong(2, id);
        });
        Account account = get(id);
        changeListeners.forEach(l -> l.accept(account));
        return account;
    }

    /** Sets the account's local dump time and zone; a null time falls back to the global default. */
    public Account setSchedule(long id, LocalTime time, ZoneId zone) {
        update("UPDATE accounts SET dump_time = ?, time_zone = ?, updated_at = now() AT TIME ZONE 'UTC' WHERE id = ? RETURNING id", id, ps -> {
            ps.setTime(1, time == null ? null : Time.valueOf(time));
            ps.setString(2, zone.getId());
            ps.setLong(3, id);
        });
        Account account = get(id);
        changeListeners.forEach(l -> l.accept(account));
        return account;
    }

    private interface Binder {
        void bind(java.sql.PreparedStatement ps) throws SQLException;
    }

    private long update(String sql, long accountId, Binder binder) {
        try (Connection c = dataSource.getConnection(); var ps = c.prepareStatement(sql)) {
            binder.bind(ps);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) throw new AccountNotFoundException(accountId);
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("account update failed: " + e.getMessage(), e);
        }
    }

    private List<Account> query(String sql, Binder binder) {
        try (Connection c = dataSource.getConnection(); var ps = c.prepareStatement(sql)) {
            binder.bind(ps);
            List<Account> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Time t = rs.getTime(5);
                    out.add(new Account(rs.getLong(1), rs.getString(2), rs.getBoolean(3), ZoneId.of(rs.getString(4)),
                            Optional.ofNullable(t).map(Time::toLocalTime)));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException("account query failed: " + e.getMessage(), e);
        }
    }
}
