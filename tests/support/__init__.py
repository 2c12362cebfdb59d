"""What the tests share, so no test module imports another: fakes at the network edge
(`fake_anthropic`, `fake_clay`, `netproxy`), the campaign rig (`campaign_rig`), the people the tests
score (`people`), job polling with a deadline (`jobs.wait_job`), the dashboard seed and the golden set."""
