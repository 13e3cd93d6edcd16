function greet_user(u)
  return "Hello, " .. (u.nickname or u.name) .. " (" .. u.age .. ")"
end

function divide(a, b)
  if b == 0 then return nil, "division by zero" end
  return a / b
end

function classify(s, p)
  if s.circle then return { "red", { 1 } } end
  if s.square then return { "green", { s.square, #p } } end
  return { "blue", {} }
end
