-- Nachweise: a contact's consent (revocation notice accepted, contact permitted), recorded through an e-mail.
SELECT p.id, p.name, p.client_id, p.message_id, p.read, p.accept_service, p.accept_terms, p.accept_privacy,
       p.accept_contact, p.created_at, p.updated_at
FROM policies p
WHERE p.account_id = :account_id
