"""Trainer practice: settle with slow breathing, practise paced by the out-breath, close."""
