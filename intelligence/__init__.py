"""Prospect intelligence: what the service reads from a prospect before any judgement.

    intake   one intake for every path (analyze API, batches, pipeline, campaign add, CSV import,
             Clay webhook): column aliases, Clay/CRM value strings (ranges, money in any currency),
             names, URLs, domains, and the merge of a re-sent prospect over what is known.
"""
