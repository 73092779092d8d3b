"""Use cases of the notify service, each in one transaction, never importing Flask: what each
event of the contest means in mail (written into `mails`, never sent from the consumer), the
sender loop that hands the written mails to the SMTP server, the unsubscribe link, and the
WSIS team's mail log."""
