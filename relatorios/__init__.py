"""Reports: the app's closing report, the seed's summaries, shipping, the financial closing, exports.

Every figure comes from SQL aggregates over indexed columns (migration 0400 adds covering indexes);
money is integer cents until it is written out.
"""
