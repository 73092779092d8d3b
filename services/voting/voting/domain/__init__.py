"""The rules of the public vote (phase 3), in plain Python: no Flask, no SQLAlchemy, no
wsis_common.db or web (README "Voting").

- ballot: who may vote and when, what a ballot accepts, and the ballot itself;
- tallies: the end of each voting week, the ranking and the finalists at the close with the
  tie rule;
- suspicious: bursts of votes sharing a trait, and votes from new accounts;
- timeline: votes over time, in Geneva hours and days."""
