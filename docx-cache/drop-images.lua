function Image(el)
  return {}
end
