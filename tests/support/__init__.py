"""What the tests share, so no test module imports another: fakes at the network edge
(`fake_anthropic`, `fake_clay`, `netproxy`), the one test rig (`rig`: a started app and its clients, every
module's `rig` fixture), the campaign tests' settings and seeds (`campaign_rig`), the people the tests
score (`people`), job polling with a deadline (`jobs.wait_job`), the dashboard seed and the golden set."""
