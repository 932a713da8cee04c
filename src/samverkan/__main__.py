from samverkan.cli_fast import process

process()
