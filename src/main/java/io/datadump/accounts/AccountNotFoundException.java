package io.datadump.accounts;

public class AccountNotFoundException extends RuntimeException {
    public AccountNotFoundException(long id) {
        super("account " + id + " does not exist (see 'datadump accounts list')");
    }
}
