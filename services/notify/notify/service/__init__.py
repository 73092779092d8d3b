"""Use cases of the notify service, each in one transaction, none importing Flask.

What each event of the contest means in mail (accounts, submissions, progress, results): one
function per event; each runs inside the consumer's transaction (with the inbox record),
writes its mails into `mails` (outgoing) and never sends: a redelivered event is stopped by
the inbox before it gets here. Where one event means a mail to each of several people, each
mail is written on its own (outgoing.queue_each): one that fails never keeps the others from
being written. The sender loop (sending) hands the written mails to the SMTP server;
subscriptions is the unsubscribe link of the progress mails; mail_log the WSIS team's view of
every mail."""
