from samverkan.cli import process

process()
