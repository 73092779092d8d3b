"""The kinds of mail the notify service sends, one per event of the contest that people hear
about. Notify writes them on every mail and its API filters by them; the WSIS team's mail log
(the gateway's console) offers them as the filter's choices and names each. One list for both,
so that a kind notify sends is a kind the console can show and filter."""

VERIFICATION = "verification"
RECEIPT = "receipt"
REVIEW_OUTCOME = "review_outcome"
PROGRESS = "progress"
FINALIST = "finalist"
WINNER_NOTICE = "winner_notice"
ANNOUNCEMENT = "announcement"
PASSWORD_RESET = "password_reset"
REGISTRATION_ATTEMPT = "registration_attempt"
KINDS = (VERIFICATION, RECEIPT, REVIEW_OUTCOME, PROGRESS, FINALIST, WINNER_NOTICE, ANNOUNCEMENT,
         PASSWORD_RESET, REGISTRATION_ATTEMPT)
